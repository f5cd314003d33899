# What every service shares: alpaco/kernel and the locked runtime dependencies, under python/ so
# Lambda puts them on the path at /opt/python. The packages are reproducible, so an unchanged
# lock file and kernel give the same hash and no new layer version.

resource "aws_s3_object" "layer" {
  bucket      = var.artifact_bucket
  key         = "layers/${filesha256(var.package)}.zip"
  source      = var.package
  source_hash = filemd5(var.package)
}

resource "aws_lambda_layer_version" "this" {
  layer_name               = "${var.prefix}kernel"
  s3_bucket                = aws_s3_object.layer.bucket
  s3_key                   = aws_s3_object.layer.key
  source_code_hash         = filebase64sha256(var.package)
  compatible_runtimes      = ["python3.12"]
  compatible_architectures = ["arm64"]
}
