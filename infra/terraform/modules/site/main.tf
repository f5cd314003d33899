# The site: one CloudFront distribution in front of everything a browser uses, so the web app,
# the REST API and the streams share one origin (the web app calls relative URLs and needs no
# CORS): the static files from a private S3 bucket, the API's paths from API Gateway, the
# streaming paths from their Function URLs, which take only requests CloudFront signs (OAC).
# A browser must send `x-amz-content-sha256` (the body's SHA-256) with a stream's POST, as the
# original's did: Lambda refuses unsigned payloads behind OAC.

locals {
  # AWS managed policies: no caching, every viewer header but Host (API Gateway and Lambda need
  # their own), the standard security headers.
  caching_disabled       = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
  caching_optimized      = "658327ea-f89d-4fab-a63d-7e88639e58f6"
  all_viewer_except_host = "b689b0a8-53d0-40ab-baf2-68738e2966ac"
  security_headers       = "67f7725c-6f97-4210-82d7-5512b31e9d03"
  all_methods            = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"]
  stream_paths = merge([
    for name, stream in var.streams : { for path in stream.paths : path => name }
  ]...)
}

resource "aws_s3_bucket" "web" {
  # checkov:skip=CKV_AWS_145: public files; SSE-S3 with no key to grant CloudFront.
  # checkov:skip=CKV_AWS_18: CloudFront is the only reader; its requests are in the API's and functions' logs.
  # checkov:skip=CKV_AWS_144: the web app is rebuilt from the repository in minutes; replication buys nothing.
  # checkov:skip=CKV2_AWS_62: nothing reacts to uploads.
  bucket_prefix = "${var.prefix}web-"
}

resource "aws_s3_bucket_public_access_block" "web" {
  bucket                  = aws_s3_bucket.web.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "web" {
  bucket = aws_s3_bucket.web.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "web" {
  # checkov:skip=CKV_AWS_145: public files; SSE-S3 with no key to grant CloudFront.
  bucket = aws_s3_bucket.web.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "web" {
  bucket = aws_s3_bucket.web.id
  rule {
    id     = "old-versions"
    status = "Enabled"
    filter {}
    noncurrent_version_expiration {
      noncurrent_days = 30
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }
}

resource "aws_s3_object" "config" {
  bucket        = aws_s3_bucket.web.id
  key           = "config.json"
  content       = jsonencode(var.web_config)
  content_type  = "application/json"
  cache_control = "no-cache"
}

resource "aws_cloudfront_origin_access_control" "web" {
  name                              = "${var.prefix}web"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

resource "aws_cloudfront_origin_access_control" "streams" {
  name                              = "${var.prefix}streams"
  origin_access_control_origin_type = "lambda"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

# The web app lives under /app/ as it does locally (the gateway's mount); S3 has no index documents
# behind CloudFront, so a folder's address gets its index.html here, and / goes to /app/.
resource "aws_cloudfront_function" "web_paths" {
  name    = "${var.prefix}web-paths"
  runtime = "cloudfront-js-2.0"
  publish = true
  code    = <<-JS
    function handler(event) {
      var request = event.request;
      if (request.uri === "/") {
        return { statusCode: 302, statusDescription: "Found", headers: { location: { value: "/app/" } } };
      }
      if (request.uri.endsWith("/")) {
        request.uri += "index.html";
      }
      return request;
    }
  JS
}

resource "aws_cloudfront_distribution" "site" {
  # checkov:skip=CKV_AWS_305: no root object: the web_paths function answers / with a redirect to /app/.
  # checkov:skip=CKV2_AWS_42: the CloudFront certificate serves until a domain is set (var.certificate_arn, docs/deploy.md).
  # checkov:skip=CKV2_AWS_32: every behaviour names the managed SecurityHeadersPolicy (local.security_headers), which checkov cannot resolve.
  # checkov:skip=CKV_AWS_68: no WAF yet: Cognito, per-user limits in DynamoDB and API throttling bound abuse (docs/operations.md says when to add one).
  # checkov:skip=CKV_AWS_86: standard logs need a log bucket; the API's access log and the functions' logs cover requests.
  # checkov:skip=CKV_AWS_310: one region, one origin of each kind: no failover target exists.
  # checkov:skip=CKV_AWS_374: students may be anywhere.
  # checkov:skip=CKV2_AWS_47: the Log4j rule set protects Java origins; none here.
  enabled         = true
  is_ipv6_enabled = true
  aliases         = var.aliases
  price_class     = "PriceClass_200"
  comment         = "${var.prefix}site"

  origin {
    origin_id                = "web"
    domain_name              = aws_s3_bucket.web.bucket_regional_domain_name
    origin_access_control_id = aws_cloudfront_origin_access_control.web.id
  }

  origin {
    origin_id   = "api"
    domain_name = var.api_domain
    origin_path = "/${var.api_stage}"
    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
      origin_read_timeout    = 30
    }
  }

  dynamic "origin" {
    for_each = var.streams
    content {
      origin_id                = "stream-${origin.key}"
      domain_name              = origin.value.origin_domain
      origin_access_control_id = aws_cloudfront_origin_access_control.streams.id
      custom_origin_config {
        http_port              = 80
        https_port             = 443
        origin_protocol_policy = "https-only"
        origin_ssl_protocols   = ["TLSv1.2"]
        # The longest silence between two bytes; the streams send heartbeats well within it.
        origin_read_timeout = 60
      }
    }
  }

  dynamic "ordered_cache_behavior" {
    for_each = local.stream_paths
    content {
      path_pattern               = ordered_cache_behavior.key
      target_origin_id           = "stream-${ordered_cache_behavior.value}"
      allowed_methods            = local.all_methods
      cached_methods             = ["GET", "HEAD"]
      viewer_protocol_policy     = "https-only"
      cache_policy_id            = local.caching_disabled
      origin_request_policy_id   = local.all_viewer_except_host
      response_headers_policy_id = local.security_headers
      compress                   = false
    }
  }

  dynamic "ordered_cache_behavior" {
    for_each = toset(var.api_paths)
    content {
      path_pattern               = ordered_cache_behavior.key
      target_origin_id           = "api"
      allowed_methods            = local.all_methods
      cached_methods             = ["GET", "HEAD"]
      viewer_protocol_policy     = "https-only"
      cache_policy_id            = local.caching_disabled
      origin_request_policy_id   = local.all_viewer_except_host
      response_headers_policy_id = local.security_headers
      compress                   = true
    }
  }

  default_cache_behavior {
    function_association {
      event_type   = "viewer-request"
      function_arn = aws_cloudfront_function.web_paths.arn
    }
    target_origin_id           = "web"
    allowed_methods            = ["GET", "HEAD"]
    cached_methods             = ["GET", "HEAD"]
    viewer_protocol_policy     = "redirect-to-https"
    cache_policy_id            = local.caching_optimized
    response_headers_policy_id = local.security_headers
    compress                   = true
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    cloudfront_default_certificate = var.certificate_arn == ""
    acm_certificate_arn            = var.certificate_arn == "" ? null : var.certificate_arn
    ssl_support_method             = var.certificate_arn == "" ? null : "sni-only"
    minimum_protocol_version       = var.certificate_arn == "" ? "TLSv1" : "TLSv1.2_2021"
  }
}

data "aws_iam_policy_document" "web" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.web.arn}/*"]
    principals {
      type        = "Service"
      identifiers = ["cloudfront.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "AWS:SourceArn"
      values   = [aws_cloudfront_distribution.site.arn]
    }
  }
}

resource "aws_s3_bucket_policy" "web" {
  bucket = aws_s3_bucket.web.id
  policy = data.aws_iam_policy_document.web.json
}

# Function URLs behind OAC need both grants for the distribution (new URLs since late 2025).
resource "aws_lambda_permission" "stream_url" {
  for_each      = var.streams
  statement_id  = "AllowSiteInvokeFunctionUrl"
  action        = "lambda:InvokeFunctionUrl"
  function_name = each.value.function_name
  principal     = "cloudfront.amazonaws.com"
  source_arn    = aws_cloudfront_distribution.site.arn
}

resource "aws_lambda_permission" "stream_invoke" {
  for_each      = var.streams
  statement_id  = "AllowSiteInvokeFunction"
  action        = "lambda:InvokeFunction"
  function_name = each.value.function_name
  principal     = "cloudfront.amazonaws.com"
  source_arn    = aws_cloudfront_distribution.site.arn
}
