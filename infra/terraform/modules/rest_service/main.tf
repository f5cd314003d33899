# A REST service: its function, and its routes on the shared REST API. `auth = "required"` routes
# have the Cognito authorizer; "optional" and "none" have none (the handler verifies a token the
# caller chose to send, kernel/request.py). Every path answers OPTIONS through the function too,
# whose CORS answer grants only the allowed origins (never `*`).

module "function" {
  source = "../function"

  name                 = var.name
  platform             = var.platform
  handler              = "alpaco.services.${var.name}.handler.handler"
  package              = var.package
  layers               = var.layers
  environment          = var.environment
  dynamodb_grants      = var.dynamodb_grants
  invokes              = var.invokes
  timeout              = var.timeout
  memory_size          = var.memory_size
  reserved_concurrency = var.reserved_concurrency
}

locals {
  segments = { for route in var.routes : route.path => split("/", trimprefix(route.path, "/")) }
  # Every resource the routes need, parents included: /community/{postId}/like needs three.
  paths = distinct(flatten([
    for path, parts in local.segments : [for depth in range(1, length(parts) + 1) : "/${join("/", slice(parts, 0, depth))}"]
  ]))
  depth = { for path in local.paths : path => length(split("/", trimprefix(path, "/"))) }
  resource_ids = merge(
    { for path, resource in aws_api_gateway_resource.level1 : path => resource.id },
    { for path, resource in aws_api_gateway_resource.level2 : path => resource.id },
    { for path, resource in aws_api_gateway_resource.level3 : path => resource.id },
    { for path, resource in aws_api_gateway_resource.level4 : path => resource.id },
  )
  routes = { for route in var.routes : "${route.method} ${route.path}" => route }
}

resource "aws_api_gateway_resource" "level1" {
  for_each    = toset([for path in local.paths : path if local.depth[path] == 1])
  rest_api_id = var.api.id
  parent_id   = var.api.root_resource_id
  path_part   = basename(each.key)
}

resource "aws_api_gateway_resource" "level2" {
  for_each    = toset([for path in local.paths : path if local.depth[path] == 2])
  rest_api_id = var.api.id
  parent_id   = aws_api_gateway_resource.level1[dirname(each.key)].id
  path_part   = basename(each.key)
}

resource "aws_api_gateway_resource" "level3" {
  for_each    = toset([for path in local.paths : path if local.depth[path] == 3])
  rest_api_id = var.api.id
  parent_id   = aws_api_gateway_resource.level2[dirname(each.key)].id
  path_part   = basename(each.key)
}

resource "aws_api_gateway_resource" "level4" {
  for_each    = toset([for path in local.paths : path if local.depth[path] == 4])
  rest_api_id = var.api.id
  parent_id   = aws_api_gateway_resource.level3[dirname(each.key)].id
  path_part   = basename(each.key)
}

resource "aws_api_gateway_method" "route" {
  # checkov:skip=CKV2_AWS_53: the handlers validate (pydantic, a 400 in the platform's error body); API Gateway's validator answers in a shape of its own.
  # checkov:skip=CKV_AWS_59: "none" and "optional" routes are public reads by design (routes.py); a token sent to one is verified by its handler.
  for_each      = local.routes
  rest_api_id   = var.api.id
  resource_id   = local.resource_ids[each.value.path]
  http_method   = each.value.method
  authorization = each.value.auth == "required" ? "COGNITO_USER_POOLS" : "NONE"
  authorizer_id = each.value.auth == "required" ? var.api.authorizer_id : null
}

resource "aws_api_gateway_integration" "route" {
  for_each                = local.routes
  rest_api_id             = var.api.id
  resource_id             = aws_api_gateway_method.route[each.key].resource_id
  http_method             = aws_api_gateway_method.route[each.key].http_method
  type                    = "AWS_PROXY"
  integration_http_method = "POST"
  uri                     = module.function.invoke_arn
}

resource "aws_api_gateway_method" "preflight" {
  # checkov:skip=CKV2_AWS_53: a preflight has no body or parameters to validate.
  # checkov:skip=CKV_AWS_59: a CORS preflight carries no credentials by definition; the function answers it from its origin allow-list.
  for_each      = toset(distinct([for route in var.routes : route.path]))
  rest_api_id   = var.api.id
  resource_id   = local.resource_ids[each.key]
  http_method   = "OPTIONS"
  authorization = "NONE"
}

resource "aws_api_gateway_integration" "preflight" {
  for_each                = aws_api_gateway_method.preflight
  rest_api_id             = var.api.id
  resource_id             = each.value.resource_id
  http_method             = each.value.http_method
  type                    = "AWS_PROXY"
  integration_http_method = "POST"
  uri                     = module.function.invoke_arn
}

resource "aws_lambda_permission" "api" {
  statement_id  = "AllowSharedRestApi"
  action        = "lambda:InvokeFunction"
  function_name = module.function.function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${var.api.execution_arn}/*/*/*"
}
