output "function_name" {
  value = module.function.function_name
}

output "arn" {
  description = "What the grader and the generator may invoke."
  value       = module.function.arn
}
