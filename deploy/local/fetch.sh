# shellcheck shell=bash
# Fetches Kafka, OpenSearch and S3Proxy from Maven Central, and playwright-core from npm, once, into the
# download cache shared by all clones:
#   $FOURFOLD_CACHE/kafka-<v>/lib/*.jar
#   $FOURFOLD_CACHE/opensearch-<v>/dist/            (integ-test distribution + analysis-common, lang-painless,
#                                                     mapper-extras, reindex modules)
#   $FOURFOLD_CACHE/s3proxy-<v>/s3proxy.jar
#   $FOURFOLD_CACHE/playwright-core-<v>/node_modules/playwright-core
# Each folder is complete only when it holds a .complete marker; it is built in a temporary folder then moved.

KAFKA_DIR() { echo "$FOURFOLD_CACHE/kafka-$FOURFOLD_KAFKA_VERSION"; }
OS_DIST() { echo "$FOURFOLD_CACHE/opensearch-$FOURFOLD_OPENSEARCH_VERSION/dist"; }
S3PROXY_JAR() { echo "$FOURFOLD_CACHE/s3proxy-$FOURFOLD_S3PROXY_VERSION/s3proxy.jar"; }

# mvn_copy_deps DIR: copies the dependencies of DIR/pom.xml into DIR/lib (serialized with other Maven runs).
mvn_copy_deps() {
  local dir=$1
  flock "$FOURFOLD_MVN_LOCK" mvn -B -q -Dstyle.color=never -f "$dir/pom.xml" dependency:copy-dependencies \
    -DoutputDirectory="$dir/lib" -DincludeScope=runtime >>"$LOG_DIR/fetch.log" 2>&1 ||
    ready_failed fetch "$LOG_DIR/fetch.log" "Maven could not fetch the artifacts of $dir/pom.xml"
}

pom() { # pom ARTIFACT_ID DEPENDENCIES_XML
  printf '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>\n'
  printf '<groupId>fourfold.local</groupId><artifactId>%s</artifactId><version>1</version>\n<dependencies>\n%s\n</dependencies></project>\n' "$1" "$2"
}

dep() { # dep GROUP ARTIFACT VERSION [TYPE] [CLASSIFIER] [EXCLUSIONS_XML]
  printf '<dependency><groupId>%s</groupId><artifactId>%s</artifactId><version>%s</version>' "$1" "$2" "$3"
  [[ -n "${4:-}" ]] && printf '<type>%s</type>' "$4"
  [[ -n "${5:-}" ]] && printf '<classifier>%s</classifier>' "$5"
  [[ -n "${6:-}" ]] && printf '<exclusions>%s</exclusions>' "$6"
  printf '</dependency>\n'
}

excl() { printf '<exclusion><groupId>%s</groupId><artifactId>%s</artifactId></exclusion>' "$1" "$2"; }

# cached NAME FINAL_DIR BUILDER: runs BUILDER TMP_DIR when FINAL_DIR is not complete, then moves it in place.
cached() {
  local name=$1 final=$2 builder=$3
  [[ -f "$final/.complete" ]] && return 0
  local t0 tmp; t0=$(now)
  step "$name: downloading from Maven Central (once, cached in $final) ..."
  tmp=$(mktemp -d "$FOURFOLD_CACHE/.tmp-$name.XXXXXX")
  "$builder" "$tmp"
  touch "$tmp/.complete"
  rm -rf "$final"
  mkdir -p "$(dirname "$final")"
  mv "$tmp" "$final"
  note "$name fetched in $(elapsed "$t0")"
}

build_kafka() {
  local d=$1
  pom kafka-local "$(dep org.apache.kafka kafka_2.13 "$FOURFOLD_KAFKA_VERSION")
$(dep org.apache.kafka kafka-tools "$FOURFOLD_KAFKA_VERSION" '' '' "$(excl org.apache.kafka connect-runtime)")
$(dep org.apache.logging.log4j log4j-slf4j-impl "$FOURFOLD_LOG4J_VERSION")" >"$d/pom.xml"
  mvn_copy_deps "$d"
}

build_s3proxy() {
  local d=$1
  pom s3proxy-local "$(dep org.gaul s3proxy "$FOURFOLD_S3PROXY_VERSION" jar jar-with-dependencies "$(excl '*' '*')")" >"$d/pom.xml"
  mvn_copy_deps "$d"
  mv "$d/lib/s3proxy-$FOURFOLD_S3PROXY_VERSION-jar-with-dependencies.jar" "$d/s3proxy.jar"
  rm -rf "${d:?}/lib"
}

# Writes a module's plugin-descriptor.properties: os_descriptor DIR NAME CLASSNAME EXTENDED_PLUGINS
os_descriptor() {
  printf 'description=%s\nversion=%s\nname=%s\nclassname=%s\njava.version=11\nopensearch.version=%s\ncustom.foldername=\nextended.plugins=%s\nhas.native.controller=false\n' \
    "$2" "$FOURFOLD_OPENSEARCH_VERSION" "$2" "$3" "$FOURFOLD_OPENSEARCH_VERSION" "$4" >"$1/plugin-descriptor.properties"
}

build_opensearch() {
  local d=$1 v=$FOURFOLD_OPENSEARCH_VERSION
  pom opensearch-local "$(dep org.opensearch.distribution.integ-test-zip opensearch "$v" zip '' "$(excl '*' '*')")
$(dep org.opensearch.plugin analysis-common "$v")
$(dep org.opensearch.plugin lang-painless "$v")
$(dep org.opensearch.plugin reindex-client "$v")
$(dep org.opensearch.plugin mapper-extras-client "$v")" >"$d/pom.xml"
  mvn_copy_deps "$d"
  local a=$d/lib m
  unzip -q "$a/opensearch-$v.zip" -d "$d"
  mv "$d/opensearch-$v" "$d/dist"
  m=$d/dist/modules
  mkdir -p "$m/lang-painless" "$m/analysis-common" "$m/mapper-extras" "$m/reindex"
  cp "$a/lang-painless-$v.jar" "$a"/antlr4-runtime-*.jar "$a"/asm-*.jar "$a/opensearch-scripting-painless-spi-$v.jar" "$m/lang-painless/"
  printf 'grant {\n  permission java.lang.RuntimePermission "createClassLoader";\n  permission java.lang.RuntimePermission "getClassLoader";\n};\n' >"$m/lang-painless/plugin-security.policy"
  os_descriptor "$m/lang-painless" lang-painless org.opensearch.painless.PainlessPlugin ""
  cp "$a/analysis-common-$v.jar" "$m/analysis-common/"
  os_descriptor "$m/analysis-common" analysis-common org.opensearch.analysis.common.CommonAnalysisPlugin lang-painless
  cp "$a/mapper-extras-client-$v.jar" "$m/mapper-extras/"
  os_descriptor "$m/mapper-extras" mapper-extras org.opensearch.index.mapper.MapperExtrasPlugin ""
  cp "$a/reindex-client-$v.jar" "$a/opensearch-rest-client-$v.jar" "$a/opensearch-ssl-config-$v.jar" "$a"/httpclient-*.jar \
    "$a"/httpcore-*.jar "$a"/httpasyncclient-*.jar "$a"/commons-codec-*.jar "$a"/commons-logging-*.jar "$m/reindex/"
  printf 'grant {\n  permission java.net.SocketPermission "*", "connect";\n};\n' >"$m/reindex/plugin-security.policy"
  os_descriptor "$m/reindex" reindex org.opensearch.index.reindex.ReindexPlugin lang-painless
  rm -rf "$a"
}

# playwright-core (npm, pinned) drives Debian's chromium in the console's browser test; it ships no
# browser of its own. Kept in $FOURFOLD_CACHE/playwright-core-<v>/node_modules/playwright-core.
PLAYWRIGHT_DIR() { echo "$FOURFOLD_CACHE/playwright-core-$FOURFOLD_PLAYWRIGHT_VERSION"; }

ensure_playwright() {
  local final t0 tmp major
  final=$(PLAYWRIGHT_DIR)
  export FOURFOLD_PLAYWRIGHT_CORE=$final/node_modules/playwright-core
  [[ -f "$final/.complete" ]] && return 0
  major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  if ((major < 20)); then
    warn "playwright-core $FOURFOLD_PLAYWRIGHT_VERSION needs Node.js 20 or later (found $(node --version 2>/dev/null || echo none)): the console's browser test will fail until it is installed"
    return 0
  fi
  t0=$(now)
  step "playwright-core: installing $FOURFOLD_PLAYWRIGHT_VERSION from npm (once, cached in $final) ..."
  tmp=$(mktemp -d "$FOURFOLD_CACHE/.tmp-playwright.XXXXXX")
  echo '{"private": true}' >"$tmp/package.json"
  (cd "$tmp" && npm install --no-audit --no-fund --save-exact "playwright-core@$FOURFOLD_PLAYWRIGHT_VERSION") >>"$LOG_DIR/fetch.log" 2>&1 ||
    ready_failed fetch "$LOG_DIR/fetch.log" "npm could not install playwright-core@$FOURFOLD_PLAYWRIGHT_VERSION"
  touch "$tmp/.complete"
  rm -rf "$final"
  mv "$tmp" "$final"
  note "playwright-core installed in $(elapsed "$t0")"
}

ensure_downloads() {
  exec 8>"$FOURFOLD_CACHE/.lock"
  flock 8 # another clone may be fetching the same things
  cached kafka "$(KAFKA_DIR)" build_kafka
  cached opensearch "$(dirname "$(OS_DIST)")" build_opensearch
  cached s3proxy "$(dirname "$(S3PROXY_JAR)")" build_s3proxy
  ensure_playwright
  flock -u 8
  exec 8>&-
  step "downloads: cached in $FOURFOLD_CACHE"
}
