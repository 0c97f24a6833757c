#!/usr/bin/env bash
# Syslog over TCP: our collector (publishing to a real Kafka broker) against rsyslog (imtcp -> omfile), driven
# by syslog-ng's loggen with the same load, in one run. See docs/benchmarks.md ("Syslog") for the write-up.
#
# Installs nothing. Needs: a JDK, rsyslogd, loggen, and the build output:
#   mvn -pl collectors,bench -am package -DskipTests      (bench/target/benchmarks.jar)
#   the Kafka broker jars of the stack module              (stack/target/runtime/kafka-libs)
# On Debian: apt-get install -y rsyslog syslog-ng-core. The two packages conflict (both provide
# system-log-daemon), so where rsyslog is installed take loggen out of the syslog-ng-core package instead:
#   apt-get install -y libglib2.0-0 libivykis0 libjson-c5 libnet1 libpcre3 libwrap0 libcap2
#   cd /opt/syslog-ng-loggen && apt-get download syslog-ng-core && dpkg-deb -x syslog-ng-core_*.deb root
#   export LOGGEN_ROOT=/opt/syslog-ng-loggen/root
#
# Settings (environment):
#   SECONDS_PER_RUN=20   how long loggen sends per measured run (-I)
#   ROUNDS=2             measured rounds; each round runs both targets, the order alternating per round
#   CONNECTIONS=4        loggen --active-connections
#   RATE=1000000         loggen -r, messages per second per connection (the default means: as fast as TCP allows)
#   SIZE=300             loggen -s, message size in bytes
#   WARMUP_SECONDS=20    one unmeasured run per target first (JIT to steady state, Kafka producer and topic)
#   SOC_RUNTIME_DIR      default: stack/target/runtime of this checkout
#   LOGGEN_ROOT          an extracted syslog-ng-core package (see above); default: loggen on PATH
#   WORK                 work dir, default bench/target/load-run (wiped at start)
#   COMPRESSION=zstd     the collector's Kafka compression.type (zstd is the production default; lz4 to compare)
#   KEEP_OUTPUT=0        1 keeps rsyslog's output file (about 370 bytes per message) and the Kafka data
#   PRODUCER_OVERRIDES   producer properties over the production ones, e.g. batch.size=262144,linger.ms=20
#   RIG_JAVA_OPTS        extra JVM options of the collector JVM, e.g. -XX:StartFlightRecording=filename=rig.jfr
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
SECONDS_PER_RUN="${SECONDS_PER_RUN:-20}"
ROUNDS="${ROUNDS:-2}"
CONNECTIONS="${CONNECTIONS:-4}"
RATE="${RATE:-1000000}"
SIZE="${SIZE:-300}"
WARMUP_SECONDS="${WARMUP_SECONDS:-20}"
SOC_RUNTIME_DIR="${SOC_RUNTIME_DIR:-$repo/stack/target/runtime}"
WORK="${WORK:-$repo/bench/target/load-run}"
COMPRESSION="${COMPRESSION:-zstd}"
KEEP_OUTPUT="${KEEP_OUTPUT:-0}"
JAR="$repo/bench/target/benchmarks.jar"

if [ -n "${LOGGEN_ROOT:-}" ]; then
  LOGGEN=("env" "SYSLOGNG_PREFIX=$LOGGEN_ROOT/usr" "LD_LIBRARY_PATH=$LOGGEN_ROOT/usr/lib/syslog-ng" \
    "$LOGGEN_ROOT/usr/bin/loggen")
else
  LOGGEN=("loggen")
fi
RSYSLOGD="${RSYSLOGD:-$(command -v rsyslogd || echo /usr/sbin/rsyslogd)}"

die() { echo "error: $*" >&2; exit 1; }
[ -f "$JAR" ] || die "no $JAR; build it: mvn -pl collectors,bench -am package -DskipTests"
[ -d "$SOC_RUNTIME_DIR/kafka-libs" ] || die "no Kafka jars in $SOC_RUNTIME_DIR/kafka-libs (build the stack module)"
[ -x "$RSYSLOGD" ] || die "no rsyslogd (apt-get install -y rsyslog)"
"${LOGGEN[@]}" --help >/dev/null 2>&1 || die "loggen does not run (see the header of this script)"

# Wipe only a work dir this script made before (or an empty one), never a directory it does not know.
if [ -d "$WORK" ] && [ -n "$(ls -A "$WORK")" ] && [ ! -f "$WORK/rsyslog/rsyslog.conf" ]; then
  die "$WORK exists and is not a work dir of this script; choose another WORK"
fi
rm -rf "$WORK"
mkdir -p "$WORK/rsyslog"
rig_pid=""
rsyslog_pid=""
cleanup() {
  # Only the processes this script started, by their pid.
  if [ -n "$rig_pid" ] && kill -0 "$rig_pid" 2>/dev/null; then
    kill -TERM "$rig_pid"; wait "$rig_pid" 2>/dev/null || true
  fi
  if [ -n "$rsyslog_pid" ] && kill -0 "$rsyslog_pid" 2>/dev/null; then
    kill -TERM "$rsyslog_pid"
  fi
}
trap cleanup EXIT

free_port() {
  java -cp "$JAR" org.soc.bench.LoadRig free-port
}

now() { date +%s.%N; }

echo "== machine"
echo "nproc: $(nproc); $(lscpu | sed -n 's/^Model name: *//p'); $(free -g | awk '/^Mem:/{print $2 " GiB RAM"}')"
echo "java: $(java -version 2>&1 | head -1); rsyslogd: $("$RSYSLOGD" -v | head -1)"
echo "load before: $(uptime)"

# --- rsyslog: imtcp on loopback, every message to one file, its own work dir and pid file.
rsyslog_port="$(free_port)"
cat > "$WORK/rsyslog/rsyslog.conf" <<EOF
global(workDirectory="$WORK/rsyslog")
module(load="imtcp")
input(type="imtcp" address="127.0.0.1" port="$rsyslog_port")
action(type="omfile" file="$WORK/rsyslog/out.log" template="RSYSLOG_FileFormat")
EOF
"$RSYSLOGD" -n -f "$WORK/rsyslog/rsyslog.conf" -i "$WORK/rsyslog/rsyslogd.pid" \
  > "$WORK/rsyslog/console.log" 2>&1 &
rsyslog_pid=$!

# --- ours: Kafka broker + collector (LoadRig), in one background JVM (the broker is its child JVM).
# shellcheck disable=SC2086
java -Xms1g -Xmx1g ${RIG_JAVA_OPTS:-} -Dsoc.runtime.dir="$SOC_RUNTIME_DIR" -cp "$JAR" org.soc.bench.LoadRig serve "$WORK/ours" 2 "$COMPRESSION" \
  > "$WORK/rig.log" 2>&1 &
rig_pid=$!
for _ in $(seq 1 600); do
  [ -f "$WORK/ours/ready" ] && break
  kill -0 "$rig_pid" 2>/dev/null || { cat "$WORK/rig.log" >&2; die "LoadRig exited"; }
  sleep 0.2
done
[ -f "$WORK/ours/ready" ] || die "LoadRig not ready after 120 s"
ours_port="$(sed -n 's/.*tcp=\([0-9]*\).*/\1/p' "$WORK/ours/ready")"
bootstrap="$(sed -n 's/.*bootstrap=\([^ ]*\).*/\1/p' "$WORK/ours/ready")"
topic="$(sed -n 's/.*topic=\([^ ]*\).*/\1/p' "$WORK/ours/ready")"
for _ in $(seq 1 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$rsyslog_port") 2>/dev/null && break
  sleep 0.1
done
echo "rsyslog 127.0.0.1:$rsyslog_port -> $WORK/rsyslog/out.log; ours 127.0.0.1:$ours_port -> kafka $bootstrap $topic"

# What has arrived so far: rsyslog = lines in its file; ours = records Kafka acknowledged to the producer.
arrived() {
  case "$1" in
    rsyslog) [ -f "$WORK/rsyslog/out.log" ] && wc -l < "$WORK/rsyslog/out.log" || echo 0 ;;
    ours) awk '{print $2}' "$WORK/ours/ours.count" ;;
  esac
}
# Cheap progress signal while waiting (wc -l over a big file every 100 ms would steal a core).
progress() {
  case "$1" in
    rsyslog) stat -c %s "$WORK/rsyslog/out.log" 2>/dev/null || echo 0 ;;
    ours) awk '{print $2}' "$WORK/ours/ours.count" ;;
  esac
}
port_of() { [ "$1" = rsyslog ] && echo "$rsyslog_port" || echo "$ours_port"; }
# CPU seconds (user + system) the receiving side has used so far: rsyslogd; or the collector JVM plus the Kafka
# broker JVM it started (its only child). A cost per message that other load on the machine barely changes.
clk_tck="$(getconf CLK_TCK)"
cpu_seconds() {
  local pids
  case "$1" in
    rsyslog) pids="$rsyslog_pid" ;;
    ours) pids="$rig_pid $(pgrep -P "$rig_pid" | tr '\n' ' ')" ;;
    broker) pids="$(pgrep -P "$rig_pid" | tr '\n' ' ')" ;;
  esac
  # shellcheck disable=SC2086
  for p in $pids; do cat "/proc/$p/stat"; done | awk -v t="$clk_tck" '{s += $14 + $15} END {printf "%.2f", s / t}'
}

declare -A sent_total=([rsyslog]=0 [ours]=0)
results="$WORK/results.tsv"
printf 'round\ttarget\tsent\tarrived\tlost\tseconds\tmsgs_per_s\tloggen_send_rate\treceiver_cpu_s\tcpu_us_per_msg\tloggen_cpu_s\tload_before\tload_after\n' > "$results"

# run LABEL TARGET SECONDS: one loggen run against TARGET, then wait until everything sent has arrived (or
# nothing more arrives for 10 s); rate = arrived / (time of the last arrival - loggen start).
run() {
  local label="$1" target="$2" secs="$3" port before t0 sent out c last_c t_last load_before load_after cpu0 cpu1
  local broker0=0 broker1=0
  port="$(port_of "$target")"
  before="$(arrived "$target")"
  load_before="$(cut -d' ' -f1 /proc/loadavg)"
  out="$WORK/loggen-$label-$target.log"
  cpu0="$(cpu_seconds "$target")"
  [ "$target" = ours ] && broker0="$(cpu_seconds broker)"
  t0="$(now)"
  ( TIMEFORMAT='%U %S'; time "${LOGGEN[@]}" --inet --stream --syslog-proto --active-connections="$CONNECTIONS" \
      -r "$RATE" -I "$secs" -s "$SIZE" 127.0.0.1 "$port" > "$out" 2>&1 ) 2> "$out.cpu" \
    || { cat "$out" >&2; die "loggen failed"; }
  sent="$(grep -o 'count=[0-9]*' "$out" | tail -1 | cut -d= -f2)"
  [ -n "$sent" ] || { cat "$out" >&2; die "cannot read loggen's count"; }
  sent_total[$target]=$(( ${sent_total[$target]} + sent ))
  last_c="$(progress "$target")"; t_last="$(now)"
  while :; do
    sleep 0.1
    c="$(progress "$target")"
    if [ "$c" != "$last_c" ]; then last_c="$c"; t_last="$(now)"; fi
    if [ "$target" = ours ] && [ "$c" -ge $(( before + sent )) ]; then break; fi
    # rsyslog writes each batch at its end (omfile defaults): a file that stopped growing for 3 s is complete.
    if [ "$target" = rsyslog ] && awk -v a="$(now)" -v b="$t_last" 'BEGIN{exit !(a-b>3)}'; then break; fi
    if awk -v a="$(now)" -v b="$t_last" 'BEGIN{exit !(a-b>10)}'; then break; fi
  done
  cpu1="$(cpu_seconds "$target")"
  [ "$target" = ours ] && broker1="$(cpu_seconds broker)"
  c="$(arrived "$target")"
  load_after="$(cut -d' ' -f1 /proc/loadavg)"
  local got=$(( c - before )) lost=$(( sent - (c - before) ))
  local secs_taken rate send_rate cpu cpu_per_msg loggen_cpu
  secs_taken="$(awk -v a="$t_last" -v b="$t0" 'BEGIN{printf "%.2f", a-b}')"
  rate="$(awk -v n="$got" -v s="$secs_taken" 'BEGIN{printf "%.0f", n/s}')"
  send_rate="$(grep -o 'average rate = [0-9.]*' "$out" | tail -1 | awk '{print $4}')"
  cpu="$(awk -v a="$cpu1" -v b="$cpu0" 'BEGIN{printf "%.2f", a-b}')"
  cpu_per_msg="$(awk -v c="$cpu" -v n="$got" 'BEGIN{printf "%.2f", (n > 0 ? c * 1e6 / n : 0)}')"
  loggen_cpu="$(awk '{printf "%.2f", $1 + $2}' "$out.cpu")"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$target" "$sent" "$got" "$lost" \
    "$secs_taken" "$rate" "${send_rate:-?}" "$cpu" "$cpu_per_msg" "$loggen_cpu" "$load_before" "$load_after" \
    >> "$results"
  echo "$label $target: sent=$sent arrived=$got lost=$lost in ${secs_taken}s = $rate msg/s" \
    "(loggen ${send_rate:-?} msg/s, ${loggen_cpu} CPU-s); receiver ${cpu} CPU-s = ${cpu_per_msg} us/msg" \
    "$([ "$target" = ours ] && awk -v a="$broker1" -v b="$broker0" 'BEGIN{printf "(Kafka broker %.2f of them)", a-b}');" \
    "load $load_before -> $load_after"
}

echo "== warm-up (${WARMUP_SECONDS}s each, not reported)"
run warmup rsyslog "$WARMUP_SECONDS" > /dev/null
run warmup ours "$WARMUP_SECONDS" > /dev/null
echo "== measured: $ROUNDS rounds x ${SECONDS_PER_RUN}s, $CONNECTIONS connections, rate $RATE/conn, ${SIZE}-byte messages"
for r in $(seq 1 "$ROUNDS"); do
  if [ $(( r % 2 )) -eq 1 ]; then order="rsyslog ours"; else order="ours rsyslog"; fi
  for target in $order; do run "round$r" "$target" "$SECONDS_PER_RUN"; done
done

echo "== totals (warm-up included): what loggen sent vs what arrived"
sleep 2
kafka_records="$(java -cp "$JAR" org.soc.bench.LoadRig count "$bootstrap" "$topic")"
rsyslog_lines="$(arrived rsyslog)"
echo "ours:    sent ${sent_total[ours]}, records in Kafka topic (end - start offsets) $kafka_records, lost $(( ${sent_total[ours]} - kafka_records ))"
echo "rsyslog: sent ${sent_total[rsyslog]}, lines in file $rsyslog_lines, lost $(( ${sent_total[rsyslog]} - rsyslog_lines ))"
printf 'total\tours\t%s\t%s\t%s\n' "${sent_total[ours]}" "$kafka_records" "$(( ${sent_total[ours]} - kafka_records ))" >> "$results"
printf 'total\trsyslog\t%s\t%s\t%s\n' "${sent_total[rsyslog]}" "$rsyslog_lines" "$(( ${sent_total[rsyslog]} - rsyslog_lines ))" >> "$results"

echo "== summary (measured rounds)"
awk -F'\t' '$1 ~ /^round/ { n[$2]++; s[$2]+=$7; c[$2]+=$10 }
  END { o=s["ours"]/n["ours"]; r=s["rsyslog"]/n["rsyslog"];
        printf "mean msgs/s: ours %.0f, rsyslog %.0f, ratio ours/rsyslog %.2f (target >= 0.5)\n", o, r, o/r;
        printf "mean receiver CPU per message: ours %.2f us, rsyslog %.2f us\n", c["ours"]/n["ours"], c["rsyslog"]/n["rsyslog"] }' "$results"
echo "load after: $(uptime)"
echo "results: $results"
if [ "$KEEP_OUTPUT" != 1 ]; then rm -f "$WORK/rsyslog/out.log"; fi
cleanup
trap - EXIT
grep '^collector:' "$WORK/rig.log" || true
if [ "$KEEP_OUTPUT" != 1 ]; then rm -rf "$WORK/ours/kafka/data"; fi
