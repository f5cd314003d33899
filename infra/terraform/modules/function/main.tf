# One Lambda function: arm64, Python 3.12, its own role granting exactly what its service calls
# (tests/infra/test_iam.py derives that from the code), its own log group, its zip from S3.

locals {
  function_name = "${var.platform.prefix}${var.name}"
  # Query reads indexes too; every other action is on the table alone.
  queried = { for table, actions in var.dynamodb_grants : table => contains(actions, "dynamodb:Query") }
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "this" {
  name               = "${local.function_name}-role"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_cloudwatch_log_group" "this" {
  name              = "/aws/lambda/${local.function_name}"
  retention_in_days = var.platform.log_retention_days
  kms_key_id        = var.platform.kms_key_arn
}

data "aws_iam_policy_document" "this" {
  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.this.arn}:*"]
  }

  dynamic "statement" {
    for_each = var.dynamodb_grants
    content {
      sid       = "Table${statement.key}"
      actions   = statement.value
      resources = local.queried[statement.key] ? [var.platform.table_arns[statement.key], "${var.platform.table_arns[statement.key]}/index/*"] : [var.platform.table_arns[statement.key]]
    }
  }

  dynamic "statement" {
    for_each = length(var.invokes) > 0 ? [1] : []
    content {
      sid       = "Invoke"
      actions   = ["lambda:InvokeFunction"]
      resources = var.invokes
    }
  }

  # Lambda itself uses these to attach the function to its subnets. Inside the function they are
  # worth nothing: the subnets have no route out and no endpoint, so no AWS API can be reached.
  dynamic "statement" {
    for_each = var.vpc == null ? [] : [1]
    content {
      sid       = "NetworkInterfaces"
      actions   = ["ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"]
      resources = ["*"]
    }
  }
}

resource "aws_iam_role_policy" "this" {
  name   = "${local.function_name}-policy"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.this.json
}

resource "aws_s3_object" "package" {
  bucket      = var.platform.artifact_bucket
  key         = "functions/${var.name}/${filesha256(var.package)}.zip"
  source      = var.package
  source_hash = filemd5(var.package)
}

resource "aws_lambda_function" "this" {
  # checkov:skip=CKV_AWS_50: X-Ray would need permissions the executor must not have; the JSON logs carry each request id.
  # checkov:skip=CKV_AWS_116: every invocation is synchronous (API Gateway, direct RequestResponse, Function URL), so a dead-letter queue never receives anything.
  # checkov:skip=CKV_AWS_117: only the executor must have no network (module executor puts it in an isolated VPC); the others call DynamoDB, Cognito's JWKS and model APIs.
  # checkov:skip=CKV_AWS_272: the zips are built and hashed in CI and uploaded only by the OIDC deploy role; code signing adds a signing profile with nothing more to check.
  function_name                  = local.function_name
  role                           = aws_iam_role.this.arn
  runtime                        = "python3.12"
  architectures                  = ["arm64"]
  handler                        = var.handler
  s3_bucket                      = aws_s3_object.package.bucket
  s3_key                         = aws_s3_object.package.key
  source_code_hash               = filebase64sha256(var.package)
  layers                         = var.layers
  timeout                        = var.timeout
  memory_size                    = var.memory_size
  reserved_concurrent_executions = var.reserved_concurrency
  kms_key_arn                    = var.platform.kms_key_arn

  environment {
    variables = var.environment
  }

  dynamic "vpc_config" {
    for_each = var.vpc == null ? [] : [var.vpc]
    content {
      subnet_ids         = vpc_config.value.subnet_ids
      security_group_ids = vpc_config.value.security_group_ids
    }
  }

  tracing_config {
    mode = "PassThrough"
  }

  depends_on = [aws_cloudwatch_log_group.this, aws_iam_role_policy.this]
}
