data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  bucket        = var.bucket != "" ? var.bucket : aws_s3_bucket.events[0].id
  bucket_arn    = "arn:${data.aws_partition.current.partition}:s3:::${local.bucket}"
  table_name    = var.table_name != "" ? var.table_name : "${var.name}-rollup"
  zip_arch      = var.architecture == "arm64" ? "arm64" : "amd64"
  lambda_zip    = var.lambda_zip != "" ? var.lambda_zip : "${path.module}/../../../bin/lambda/dashsmith-lambda-${local.zip_arch}.zip"
  poison_prefix = ".dashsmith-poison/" # plugins/s3: PoisonPrefix

  environment = merge(
    { DASHSMITH_STORE = "dynamodb://${aws_dynamodb_table.rollup.name}?region=${var.region}" },
    var.cardinality > 0 ? { DASHSMITH_CARDINALITY = tostring(var.cardinality) } : {},
    var.dedupe_window != "" ? { DASHSMITH_DEDUPE_WINDOW = var.dedupe_window } : {},
    var.max_file_bytes > 0 ? { DASHSMITH_MAX_FILE_BYTES = tostring(var.max_file_bytes) } : {},
    var.max_event_names > 0 ? { DASHSMITH_MAX_EVENT_NAMES = tostring(var.max_event_names) } : {},
  )

  alarm_actions = var.alarm_topic_arn != "" ? [var.alarm_topic_arn] : []
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

  # Without s3:ListBucket, S3 answers AccessDenied (retried) for an object
  # deleted since its notification; with it, NoSuchKey (skipped as gone).
  statement {
    sid       = "TellDeletedFromDenied"
    actions   = ["s3:ListBucket"]
    resources = [local.bucket_arn]

    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["${var.segment_prefix}*"]
    }
  }

  # An SSE-KMS bucket: read its objects (kms:Decrypt) and write the poison
  # records under its default encryption (kms:GenerateDataKey), through S3
  # only. Without it every read is AccessDenied, retried, and ends in the
  # failure queue.
  dynamic "statement" {
    for_each = var.kms_key_arn != "" ? [var.kms_key_arn] : []

    content {
      sid       = "DecryptSegmentFiles"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources = [statement.value]

      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["s3.${var.region}.amazonaws.com"]
      }
    }
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

# Alarms. An event in the failure queue is one whose files were not all
# applied after every retry: redrive it (README, "When a file fails"). A
# poison file is recorded under .dashsmith-poison/ and its log line counted
# by a metric filter.
resource "aws_cloudwatch_metric_alarm" "failures" {
  alarm_name          = "${var.name}-failures"
  alarm_description   = "Events the function failed on after every retry are waiting in ${aws_sqs_queue.failures.name}: see the function's log lines with status retry, fix the cause, then redrive them."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = aws_sqs_queue.failures.name }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}

resource "aws_cloudwatch_log_metric_filter" "poison" {
  name           = "${var.name}-poison"
  log_group_name = aws_cloudwatch_log_group.function.name
  pattern        = "{ ($.msg = \"file\") && ($.status = \"poison\") }"

  metric_transformation {
    namespace = var.metric_namespace
    name      = "PoisonFiles"
    value     = "1"
    unit      = "Count"
  }
}

resource "aws_cloudwatch_metric_alarm" "poison" {
  alarm_name          = "${var.name}-poison"
  alarm_description   = "The function recorded a file it can never apply (corrupt gzip, too large) under s3://${local.bucket}/${local.poison_prefix}: read the record, replace the file or apply it with dashsmith ingest."
  namespace           = var.metric_namespace
  metric_name         = aws_cloudwatch_log_metric_filter.poison.metric_transformation[0].name
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
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
