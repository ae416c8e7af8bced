#!/usr/bin/env bash
# Makes docs/html-view.png again: the HTML page of one of our own example articles, drawn by
# headless Chromium (apt-get install -y chromium). Only our own articles go into docs/.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -p lede-cli
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
target/release/lede analyze examples/articles/trade_tariffs.txt --date 2024-05-01 --format html \
  > "$tmp/page.html"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$tmp/profile" --hide-scrollbars --window-size=1280,1100 \
  --screenshot="$PWD/docs/html-view.png" "file://$tmp/page.html" 2>/dev/null
echo "wrote docs/html-view.png"
