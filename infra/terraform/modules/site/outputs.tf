output "bucket" {
  description = "Where the deploy puts the web app, under app/ (docs/deploy.md)."
  value       = aws_s3_bucket.web.bucket
}

output "distribution_id" {
  value = aws_cloudfront_distribution.site.id
}

output "domain" {
  value = aws_cloudfront_distribution.site.domain_name
}
