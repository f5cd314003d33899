output "function_name" {
  value = module.function.function_name
}

output "origin_domain" {
  description = "The Function URL's host, CloudFront's origin for this service's paths."
  value       = split("/", aws_lambda_function_url.this.function_url)[2]
}

output "paths" {
  value = [for route in var.routes : route.path]
}
