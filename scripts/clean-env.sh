# Sourced by set-up scripts that start a nested npm or Node (bash). `npm test` runs them as npm scripts,
# and npm exports its own state into every script's environment: npm_node_execpath and NODE (the Node that
# runs npm), npm_config_* (its resolved config, loglevel=silent under `npm run --silent`, node_gyp, ...),
# and node_modules/.bin folders on PATH. A nested install that inherits them builds against the wrong Node
# and hides its own errors. `clean_env CMD...` runs CMD with none of that: a short list of variables a
# nested npm legitimately needs (home, locale, temp dir, proxies, a registry or cache the user set) and
# PATH without node_modules folders (CLEAN_PATH).

CLEAN_PATH="$(printf '%s' "${PATH:-/usr/local/bin:/usr/bin:/bin}" | tr ':' '\n' | grep -v -e 'node_modules' -e '^$' | paste -sd: -)"
export CLEAN_PATH

clean_env() {
  local keep=(HOME USER LOGNAME LANG LC_ALL TERM TMPDIR SHELL
    http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY
    npm_config_registry npm_config_cache npm_config_cafile npm_config_strict_ssl
    STEPWISE_CACHE STEPWISE_BUILD_JOBS)
  local args=() v
  for v in "${keep[@]}"; do
    if [ -n "${!v+x}" ]; then args+=("$v=${!v}"); fi
  done
  env -i "${args[@]}" PATH="$CLEAN_PATH" "$@"
}
