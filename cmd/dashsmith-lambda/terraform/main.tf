data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  bucket        = var.bucket != "" ? var.bucket : aws_s3_bucket.events[0].id
  bucket_arn    = "arn:${data.aws_partition.current.partition}:s3:::${local.bucket}"
  table_name    = var.table_name != "" ? var.table_name : "${var.name}-rollup"
  zip_arch      = var.architecture == "arm64" ? "arm64" : "amd64"
  lambda_zip    = var.lambda_zip != "" ? var.lambda_zip : "${path.module}/../../../bin/lambda/dashsmith-lambda-${local.zip_arch}.zip"
  poison_prefix = ".dashsmith-poison/" # s3source.PoisonPrefix

  environment = merge(
    { DASHSMITH_STORE = "dynamodb://${aws_dynamodb_table.rollup.name}?region=${var.region}" },
    var.cardinality > 0 ? { DASHSMITH_CARDINALITY = tostring(var.cardinality) } : {},
    var.dedupe_window != "" ? { DASHSMITH_DEDUPE_WINDOW = var.dedupe_window } : {},
  )
}

# The bucket Segment's S3 destination writes to, unless var.bucket names one.
resource "aws_s3_bucket" "events" {
  count         = var.bucket == "" ? 1 : 0
  bucket_prefix = "${var.name}-events-"
}

resource "aws_s3_bucket_public_access_block" "events" {
  count                   = var.bucket == "" ? 1 : 0
  bucket                  = aws_s3_bucket.events[0].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# The rollup: one item per series and hour (pk = series, sk = hour), plus
# the per-file "applied" markers, as plugins/dynamostore lays them out.
resource "aws_dynamodb_table" "rollup" {
  name         = local.table_name
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "pk"
  range_key    = "sk"

  attribute {
    name = "pk"
    type = "S"
  }

  attribute {
    name = "sk"
    type = "N"
  }

  ttl {
    attribute_name = "ttl"
    enabled        = true
  }
}

resource "aws_cloudwatch_log_group" "function" {
  name              = "/aws/lambda/${var.name}"
  retention_in_days = var.log_retention_days
}

# Events that still fail after Lambda's two retries, kept 14 days.
resource "aws_sqs_queue" "failures" {
  name                      = "${var.name}-failures"
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "function" {
  name               = "${var.name}-lambda"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

# Least privilege: read Segment's files, write poison records, use the one
# table, log, and report failed events.
data "aws_iam_policy_document" "function" {
  statement {
    sid       = "ReadSegmentFiles"
    actions   = ["s3:GetObject"]
    resources = ["${local.bucket_arn}/${var.segment_prefix}*"]
  }

  statement {
    sid       = "RecordPoisonFiles"
    actions   = ["s3:PutObject"]
    resources = ["${local.bucket_arn}/${local.poison_prefix}*"]
  }

  statement {
    sid = "Rollup"
    actions = [
      "dynamodb:BatchGetItem",
      "dynamodb:ConditionCheckItem",
      "dynamodb:DescribeTable",
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:Query",
      "dynamodb:TransactWriteItems",
      "dynamodb:UpdateItem",
    ]
    resources = [aws_dynamodb_table.rollup.arn]
  }

  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.function.arn}:*"]
  }

  statement {
    sid       = "FailedEvents"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.failures.arn]
  }
}

resource "aws_iam_role_policy" "function" {
  name   = "${var.name}-lambda"
  role   = aws_iam_role.function.id
  policy = data.aws_iam_policy_document.function.json
}

resource "aws_lambda_function" "ingest" {
  function_name    = var.name
  role             = aws_iam_role.function.arn
  runtime          = "provided.al2023"
  handler          = "bootstrap"
  architectures    = [var.architecture]
  filename         = local.lambda_zip
  source_code_hash = filebase64sha256(local.lambda_zip)
  memory_size      = var.memory_size
  timeout          = var.timeout

  reserved_concurrent_executions = var.reserved_concurrency

  environment {
    variables = local.environment
  }

  logging_config {
    log_format = "JSON"
    log_group  = aws_cloudwatch_log_group.function.name
  }

  depends_on = [aws_iam_role_policy.function]
}

# A notification is delivered asynchronously: two retries, then the queue.
resource "aws_lambda_function_event_invoke_config" "ingest" {
  function_name                = aws_lambda_function.ingest.function_name
  maximum_retry_attempts       = 2
  maximum_event_age_in_seconds = 21600

  destination_config {
    on_failure {
      destination = aws_sqs_queue.failures.arn
    }
  }
}

resource "aws_lambda_permission" "s3" {
  statement_id   = "AllowS3Invoke"
  action         = "lambda:InvokeFunction"
  function_name  = aws_lambda_function.ingest.function_name
  principal      = "s3.amazonaws.com"
  source_arn     = local.bucket_arn
  source_account = data.aws_caller_identity.current.account_id
}

resource "aws_s3_bucket_notification" "segment" {
  bucket = local.bucket

  lambda_function {
    lambda_function_arn = aws_lambda_function.ingest.arn
    events              = ["s3:ObjectCreated:*"]
    filter_prefix       = var.segment_prefix
    filter_suffix       = ".gz"
  }

  depends_on = [aws_lambda_permission.s3]
}
