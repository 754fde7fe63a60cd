#!/usr/bin/env bash
# Renders reports/seeds/index.html in headless Chromium and saves the top of
# the page as reports/seeds.png (and the whole page, tall, as
# reports/seeds-full.png) to look at. Needs Debian's chromium and
# fonts-noto-cjk:  apt-get install chromium fonts-noto-cjk
set -euo pipefail
cd "$(dirname "$0")"
page="file://$PWD/seeds/index.html"
shot() {
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --hide-scrollbars --window-size="$1" --screenshot="$PWD/$2" "$page" 2>/dev/null
}
shot 1100,1400 seeds.png
shot 1100,16000 seeds-full.png
echo "written: reports/seeds.png, reports/seeds-full.png"
