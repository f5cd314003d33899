output "topic_arn" {
  description = "Subscribe a pager or chat integration here."
  value       = aws_sns_topic.alarms.arn
}
