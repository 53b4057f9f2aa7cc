# Shared by the bench scripts: how busy the machine is, and waiting until it is idle.

# % of CPU time not idle over the next 2 s, all cores
busy() {
  local a b
  read -ra a < <(grep '^cpu ' /proc/stat)
  sleep 2
  read -ra b < <(grep '^cpu ' /proc/stat)
  local total=0 idle=$((b[4] + b[5] - a[4] - a[5]))
  for k in 1 2 3 4 5 6 7 8; do total=$((total + b[k] - a[k])); done
  echo $((100 * (total - idle) / total))
}

# waits (up to a minute) until the CPUs are under 10% busy; prints the last reading
wait_idle() {
  local pct
  for _ in $(seq 30); do pct="$(busy)"; [ "$pct" -lt 10 ] && break; done
  echo "$pct"
}
