module "vpc_cni_role" {
  source = "../irsa-role"

  name              = "${var.cluster_name}-vpc-cni"
  oidc_provider_arn = aws_iam_openid_connect_provider.this.arn
  oidc_issuer_url   = aws_eks_cluster.this.identity[0].oidc[0].issuer
  service_accounts  = [{ namespace = "kube-system", name = "aws-node" }]
  policy_arns       = ["${local.policy_prefix}/AmazonEKS_CNI_Policy"]
  tags              = var.tags
}

module "ebs_csi_role" {
  source = "../irsa-role"

  name              = "${var.cluster_name}-ebs-csi"
  oidc_provider_arn = aws_iam_openid_connect_provider.this.arn
  oidc_issuer_url   = aws_eks_cluster.this.identity[0].oidc[0].issuer
  service_accounts  = [{ namespace = "kube-system", name = "ebs-csi-controller-sa" }]
  policy_arns       = ["${local.policy_prefix}/service-role/AmazonEBSCSIDriverPolicy"]
  tags              = var.tags
}

# Networking first: nodes only become Ready once the CNI runs. CoreDNS and the EBS CSI driver
# are Deployments and wait for nodes.
locals {
  addons_before_nodes = {
    "vpc-cni"    = module.vpc_cni_role.role_arn
    "kube-proxy" = null
  }
  addons_after_nodes = {
    "coredns"            = null
    "aws-ebs-csi-driver" = module.ebs_csi_role.role_arn
  }
}

resource "aws_eks_addon" "before_nodes" {
  for_each = local.addons_before_nodes

  cluster_name                = aws_eks_cluster.this.name
  addon_name                  = each.key
  addon_version               = lookup(var.addon_versions, each.key, null)
  service_account_role_arn    = each.value
  resolve_conflicts_on_create = "OVERWRITE"
  resolve_conflicts_on_update = "PRESERVE"

  tags = var.tags
}

resource "aws_eks_addon" "after_nodes" {
  for_each = local.addons_after_nodes

  cluster_name                = aws_eks_cluster.this.name
  addon_name                  = each.key
  addon_version               = lookup(var.addon_versions, each.key, null)
  service_account_role_arn    = each.value
  resolve_conflicts_on_create = "OVERWRITE"
  resolve_conflicts_on_update = "PRESERVE"

  tags = var.tags

  depends_on = [aws_eks_node_group.default]
}
