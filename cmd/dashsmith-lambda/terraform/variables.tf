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
  description = "Function timeout in seconds, for one notification (usually one file). The function stops 5 s before it (a quarter of it when shorter) and fails the invocation, so that Lambda retries."
  type        = number
  default     = 120

  validation {
    condition     = var.timeout >= 1 && var.timeout <= 900
    error_message = "timeout is from 1 to 900 seconds (Lambda's limit)."
  }
}

variable "reserved_concurrency" {
  description = "Most files applied at once, e.g. 10 to keep DynamoDB transaction conflicts rare and its write rate bounded. -1: no reservation, the account's unreserved pool (new accounts cannot reserve any). 0 pauses the function: S3 events wait in Lambda's queue up to 6 hours, then go to the failure queue."
  type        = number
  default     = -1

  validation {
    condition     = var.reserved_concurrency >= -1 && floor(var.reserved_concurrency) == var.reserved_concurrency
    error_message = "reserved_concurrency is -1 (no reservation), 0 (paused) or a whole number of concurrent executions."
  }
}

variable "max_file_bytes" {
  description = "DASHSMITH_MAX_FILE_BYTES: a larger object is poison (recorded, never read). 0: the default, 256 MiB of gzip. Raise timeout and memory_size with it."
  type        = number
  default     = 0

  validation {
    condition     = var.max_file_bytes >= 0 && floor(var.max_file_bytes) == var.max_file_bytes
    error_message = "max_file_bytes is a whole number of bytes, or 0 for the default."
  }
}

variable "kms_key_arn" {
  description = "The KMS key of an SSE-KMS bucket: the function may then use it through S3 (kms:Decrypt to read, kms:GenerateDataKey to write poison records). Empty: the bucket uses SSE-S3 or none. Without it, reads of an SSE-KMS bucket are denied, retried, and end in the failure queue."
  type        = string
  default     = ""

  validation {
    condition     = var.kms_key_arn == "" || startswith(var.kms_key_arn, "arn:")
    error_message = "kms_key_arn is a key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID), not a key id or alias name."
  }
}

variable "alarm_topic_arn" {
  description = "An SNS topic notified when an alarm (failure queue not empty, a poison file) fires and when it clears. Empty: the alarms show in CloudWatch only."
  type        = string
  default     = ""
}

variable "metric_namespace" {
  description = "CloudWatch namespace of the function's own metrics (PoisonFiles, from its log lines)."
  type        = string
  default     = "dashsmith"
}

variable "cardinality" {
  description = "DASHSMITH_CARDINALITY: breakdown values kept per event, hour and file. 0: the default (1000); keep it equal to the site's cardinality:."
  type        = number
  default     = 0
}

variable "max_event_names" {
  description = "DASHSMITH_MAX_EVENT_NAMES: distinct event names the store keeps; lines with a new name past it are rejected. 0: the default (10000); keep it equal to the site's max_event_names:."
  type        = number
  default     = 0

  validation {
    condition     = var.max_event_names >= 0 && var.max_event_names <= 1000000
    error_message = "max_event_names is from 0 (the default) to 1000000."
  }
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
