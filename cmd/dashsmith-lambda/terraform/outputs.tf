output "bucket" {
  description = "The bucket to point Segment's S3 destination at."
  value       = local.bucket
}

output "function_name" {
  description = "The Lambda function."
  value       = aws_lambda_function.ingest.function_name
}

output "table_name" {
  description = "The DynamoDB table of the rollup."
  value       = aws_dynamodb_table.rollup.name
}

output "store_url" {
  description = "The --store URL for dashsmith ingest, build and query."
  value       = local.environment.DASHSMITH_STORE
}

output "events_url" {
  description = "The --from URL for the scheduled dashsmith ingest."
  value       = "s3://${local.bucket}/${var.segment_prefix}"
}

output "failure_queue_url" {
  description = "Events that failed after every retry."
  value       = aws_sqs_queue.failures.url
}

output "alarm_names" {
  description = "The CloudWatch alarms: events in the failure queue, poison files."
  value       = [aws_cloudwatch_metric_alarm.failures.alarm_name, aws_cloudwatch_metric_alarm.poison.alarm_name]
}

output "poison_records_url" {
  description = "Where the function records the files it can never apply."
  value       = "s3://${local.bucket}/${local.poison_prefix}"
}
