output "function_name" {
  value = module.function.function_name
}

output "throttles" {
  description = "Per-route throttle by API Gateway method path (resource path without its leading slash, then the method)."
  value       = { for route in var.routes : "${trimprefix(route.path, "/")}/${route.method}" => { rate = route.rate, burst = route.burst } }
}

output "deployment_trigger" {
  description = "Changes whenever a method or integration does, so the stage is redeployed."
  value = sha1(jsonencode([
    [for method in aws_api_gateway_method.route : method.id],
    [for integration in aws_api_gateway_integration.route : integration.id],
    [for method in aws_api_gateway_method.preflight : method.id],
    var.routes,
  ]))
}
