output "arn" {
  description = "The layer version's ARN: a new version whenever the zip's bytes change."
  value       = aws_lambda_layer_version.this.arn
}
