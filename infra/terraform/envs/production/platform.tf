# What the modules share: one customer managed key (tables, function environments), the bucket the
# packages are uploaded to, and API Gateway's account-wide role for its execution logs.

resource "aws_kms_key" "alpaco" {
  description             = "ALPACO production: tables and function environments"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = data.aws_iam_policy_document.key.json
}

# The account administers the key; AWS services use it through grants made on the account's
# behalf (DynamoDB, Lambda); CloudWatch Logs encrypts the log groups with it, and CloudWatch's
# alarms need it to publish to the encrypted alarm topic.
data "aws_iam_policy_document" "key" {
  # checkov:skip=CKV_AWS_109: a key policy's resource is always "*", the key itself.
  # checkov:skip=CKV_AWS_111: a key policy's resource is always "*", the key itself.
  # checkov:skip=CKV_AWS_356: a key policy's resource is always "*", the key itself.
  statement {
    sid       = "Account"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }
  statement {
    sid       = "Logs"
    actions   = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["logs.${var.region}.amazonaws.com"]
    }
  }
  statement {
    sid       = "Alarms"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey*"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }
  }
}

resource "aws_kms_alias" "alpaco" {
  name          = "alias/alpaco-production"
  target_key_id = aws_kms_key.alpaco.key_id
}

resource "aws_s3_bucket" "artifacts" {
  # checkov:skip=CKV_AWS_18: the packages are rebuilt from the repository; nothing reads this bucket but Lambda.
  # checkov:skip=CKV_AWS_144: packages are rebuilt from the repository; replication buys nothing.
  # checkov:skip=CKV2_AWS_62: nothing reacts to uploads.
  bucket_prefix = "${local.prefix}artifacts-"
}

resource "aws_s3_bucket_public_access_block" "artifacts" {
  bucket                  = aws_s3_bucket.artifacts.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.alpaco.arn
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id
  rule {
    id     = "old-packages"
    status = "Enabled"
    filter {}
    noncurrent_version_expiration {
      noncurrent_days = 90
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }
}

data "aws_iam_policy_document" "api_logs_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["apigateway.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "api_logs" {
  name               = "${local.prefix}api-gateway-logs"
  assume_role_policy = data.aws_iam_policy_document.api_logs_assume.json
}

resource "aws_iam_role_policy_attachment" "api_logs" {
  role       = aws_iam_role.api_logs.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"
}

resource "aws_api_gateway_account" "this" {
  cloudwatch_role_arn = aws_iam_role.api_logs.arn
}
