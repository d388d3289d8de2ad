#!/usr/bin/env bash
# Creates the Secrets the dev overlay references, with random values, unless they exist:
#   postgres (username, password), <part>-db-app (the same), crm-admin (password),
#   crm-identity-gateway (signing-key) and crm-identity-public (gateway-public-key).
# Prints the first admin's password once. Usage: create-secrets.sh [namespace]
set -euo pipefail
ns=${1:-crm-dev}
kubectl get namespace "$ns" >/dev/null 2>&1 || kubectl create namespace "$ns"
exists() { kubectl -n "$ns" get secret "$1" >/dev/null 2>&1; }

if exists postgres; then
  password=$(kubectl -n "$ns" get secret postgres -o jsonpath='{.data.password}' | base64 -d)
else
  password=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
  kubectl -n "$ns" create secret generic postgres \
    --from-literal=username=crm --from-literal=password="$password"
fi
for part in marketing sales service-desk reporting activities notifications gateway; do
  exists "$part-db-app" || kubectl -n "$ns" create secret generic "$part-db-app" \
    --from-literal=username=crm --from-literal=password="$password"
done
if ! exists crm-admin; then
  admin=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
  kubectl -n "$ns" create secret generic crm-admin --from-literal=password="$admin"
  echo "first admin's password: $admin"
fi
if ! exists crm-identity-gateway; then
  # An Ed25519 pair, as base64 of the raw 32-byte keys (what the settings take).
  pem=$(openssl genpkey -algorithm ed25519)
  private=$(printf '%s\n' "$pem" | openssl pkey -outform DER | tail -c 32 | base64)
  public=$(printf '%s\n' "$pem" | openssl pkey -pubout -outform DER | tail -c 32 | base64)
  kubectl -n "$ns" create secret generic crm-identity-gateway --from-literal=signing-key="$private"
  kubectl -n "$ns" delete secret crm-identity-public --ignore-not-found
  kubectl -n "$ns" create secret generic crm-identity-public \
    --from-literal=gateway-public-key="$public"
fi
