variable "region" {
  description = "AWS region of the bucket, the function and the table."
  type        = string
  default     = "us-east-1"
}

variable "name" {
  description = "Prefix of every resource name (function, role, table, queue, log group)."
  type        = string
  default     = "dashsmith"
}

variable "bucket" {
  description = "An existing bucket that Segment writes to. Empty: create one. The notification set here replaces any other notification configuration of that bucket."
  type        = string
  default     = ""
}

variable "segment_prefix" {
  description = "Key prefix of Segment's files in the bucket; the function is notified of new .gz objects under it and may read only those."
  type        = string
  default     = "segment-logs/"

  validation {
    condition     = var.segment_prefix == "" || endswith(var.segment_prefix, "/")
    error_message = "segment_prefix is a folder: end it with \"/\" (or leave it empty for the whole bucket)."
  }
}

variable "architecture" {
  description = "Lambda architecture: arm64 (cheaper per GB-second) or x86_64."
  type        = string
  default     = "arm64"

  validation {
    condition     = contains(["arm64", "x86_64"], var.architecture)
    error_message = "architecture is arm64 or x86_64."
  }
}

variable "lambda_zip" {
  description = "The function's zip, built by make lambda. Empty: bin/lambda/dashsmith-lambda-<arch>.zip in this repository."
  type        = string
  default     = ""
}

variable "table_name" {
  description = "DynamoDB table of the rollup. Empty: <name>-rollup."
  type        = string
  default     = ""
}

variable "memory_size" {
  description = "Function memory in MB (CPU grows with it)."
  type        = number
  default     = 512
}

variable "timeout" {
  description = "Function timeout in seconds, for one notification (usually one file)."
  type        = number
  default     = 120
}

variable "reserved_concurrency" {
  description = "Most files applied at once, e.g. 10 to keep DynamoDB transaction conflicts rare. -1: no reservation (new accounts cannot reserve any)."
  type        = number
  default     = -1
}

variable "cardinality" {
  description = "DASHSMITH_CARDINALITY: breakdown values kept per event, hour and file. 0: the default (1000); keep it equal to the site's cardinality:."
  type        = number
  default     = 0
}

variable "dedupe_window" {
  description = "DASHSMITH_DEDUPE_WINDOW: count a repeated messageId once within this window (e.g. 24h). Empty: no dedupe; match the site's dedupe:."
  type        = string
  default     = ""
}

variable "log_retention_days" {
  description = "How long CloudWatch keeps the function's JSON logs."
  type        = number
  default     = 30
}
