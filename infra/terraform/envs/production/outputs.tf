output "site_url" {
  value = "https://${module.site.domain}"
}

output "web_bucket" {
  value = module.site.bucket
}

output "distribution_id" {
  value = module.site.distribution_id
}

output "api_url" {
  description = "The REST API's own address (the site serves the same routes on its origin)."
  value       = aws_api_gateway_stage.production.invoke_url
}

output "user_pool_id" {
  value = module.cognito.user_pool_id
}

output "user_pool_client_id" {
  value = module.cognito.client_id
}

output "cognito_domain" {
  value = module.cognito.hosted_ui_domain
}

output "function_names" {
  value = local.function_names
}

output "alarm_topic_arn" {
  value = module.alarms.topic_arn
}
