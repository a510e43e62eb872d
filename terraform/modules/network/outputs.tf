output "vpc_id" {
  description = "ID of the VPC."
  value       = aws_vpc.this.id
}

output "vpc_cidr_block" {
  description = "IPv4 range of the VPC."
  value       = aws_vpc.this.cidr_block
}

output "public_subnet_ids" {
  description = "Public subnets (load balancers, NAT gateways), one per zone."
  value       = aws_subnet.public[*].id
}

output "private_subnet_ids" {
  description = "Private subnets (EKS nodes and pods, interface endpoints), one per zone."
  value       = aws_subnet.private[*].id
}

output "private_subnet_cidrs" {
  description = "IPv4 ranges of the private subnets (nodes, pods, the EKS API endpoint's interfaces)."
  value       = aws_subnet.private[*].cidr_block
}

output "database_subnet_ids" {
  description = "Database subnets without a route out of the VPC (RDS, ElastiCache), one per zone."
  value       = aws_subnet.database[*].id
}

output "database_subnet_cidrs" {
  description = "IPv4 ranges of the database subnets, for egress NetworkPolicies to the datastores."
  value       = aws_subnet.database[*].cidr_block
}

output "nat_public_ips" {
  description = "Public addresses traffic from the private subnets leaves from (allow-list them at Twilio if needed)."
  value       = aws_eip.nat[*].public_ip
}
