output "arns" {
  description = "Table ARN by logical name (src/alpaco/kernel/tables.py)."
  value = {
    Problems    = aws_dynamodb_table.problems.arn
    Submissions = aws_dynamodb_table.submissions.arn
    Community   = aws_dynamodb_table.community.arn
    ChatUsage   = aws_dynamodb_table.chat_usage.arn
    RateLimits  = aws_dynamodb_table.rate_limits.arn
  }
}
