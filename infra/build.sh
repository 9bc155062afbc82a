#!/usr/bin/env bash
# Compiles and lints the Bicep templates with warnings as errors, using the Bicep CLI pinned in
# tests/Deployment.Tests (PackageDownload Azure.Bicep.CommandLine.linux-x64). Writes the compiled ARM template to
# infra/bicep/bin/main.json. Exits non-zero on any diagnostic the CLI reports.
set -euo pipefail

readonly bicep_version="0.49.2"
readonly package="azure.bicep.commandline.linux-x64"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bicep_dir="$repo_root/infra/bicep"
cache="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
bicep="$cache/$package/$bicep_version/tools/bicep"

if [[ ! -f "$bicep" ]]; then
  echo "Bicep CLI $bicep_version not in the package cache; restoring tests/Deployment.Tests." >&2
  dotnet restore "$repo_root/tests/Deployment.Tests" >&2
fi
if [[ ! -f "$bicep" ]]; then
  echo "error: $package $bicep_version was not restored to $cache." >&2
  exit 1
fi
[[ -x "$bicep" ]] || chmod +x "$bicep"

export BICEP_TRACING_ENABLED=false

failed=0

# Runs one bicep command; fails when it exits non-zero or writes any diagnostic (warning or error) to stderr.
run() {
  local stderr
  stderr="$(mktemp)"
  if ! (cd "$bicep_dir" && "$bicep" "$@") 2>"$stderr"; then
    failed=1
  fi
  if [[ -s "$stderr" ]]; then
    cat "$stderr" >&2
    failed=1
  fi
  rm -f "$stderr"
}

mkdir -p "$bicep_dir/bin"
run build main.bicep --outfile bin/main.json
run lint main.bicep
# One parameters file per case: main.bicepparam (Azure OpenAI off) and openai.bicepparam (on).
for params in main openai; do
  run build-params "$params.bicepparam" --outfile "bin/$params.parameters.json"
  run lint "$params.bicepparam"
done

if [[ "$failed" -ne 0 ]]; then
  echo "infra/build.sh: the Bicep CLI reported diagnostics (warnings are errors)." >&2
  exit 1
fi
echo "infra/build.sh: main.bicep, main.bicepparam and openai.bicepparam build and lint clean (bicep $bicep_version)."
