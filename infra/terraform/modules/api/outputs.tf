output "api" {
  description = "What each REST service module needs to add its routes."
  value = {
    id               = aws_api_gateway_rest_api.this.id
    root_resource_id = aws_api_gateway_rest_api.this.root_resource_id
    execution_arn    = aws_api_gateway_rest_api.this.execution_arn
    authorizer_id    = aws_api_gateway_authorizer.cognito.id
  }
}
