#!/usr/bin/env bash
# `make run`: the demo district, with local stand-ins for the channels its reminders go to.
#
#   scripts/demo/run.sh DATA PORT [BINARY]
#
# Starts a stand-in for the group robots (Tests/DangjianDeliveryTests/Peers/robots.py: it checks
# each channel's signature and rate limit, as the real ones do) and a real SMTP server
# (Peers/smtp_server.py, STARTTLS and AUTH, filing each mail in DATA/mail/), writes where they
# listen to DATA/demo-channels.env, and starts `dangjian serve --demo-if-empty` wired to them. The
# first sweep after the demo loads sends the demo secretary's reminders to the branch's WeCom
# group, the school's DingTalk group and by email. Ctrl-C stops all three.
#
# To point the demo at real channels instead, start `dangjian serve` yourself with the SMTP
# settings of your relay (delivery.smtp.* in config/dangjian.yaml) and add your robots with
# POST /api/v1/admin/channels (see the README, "Reminders that reach a group and a mailbox").
set -euo pipefail
data=${1:-data}
port=${2:-8080}
binary=${3:-}
here=$(cd "$(dirname "$0")/../.." && pwd)
peers="$here/Tests/DangjianDeliveryTests/Peers"
secret="SECdemo-dangjian-2026"
password="demo-mail-2026"
mkdir -p "$data/mail"

pids=()
stop() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap stop EXIT

# Each stand-in prints its port as its first line.
first_line() { local fifo=$1; head -n 1 "$fifo"; }
robots_out="$data/.robots.port"; rm -f "$robots_out"; mkfifo "$robots_out"
python3 "$peers/robots.py" --port 0 --secret "demo-school=$secret" > "$robots_out" 2>"$data/robots.log" &
pids+=($!)
robots_port=$(first_line "$robots_out")
mail_out="$data/.mail.port"; rm -f "$mail_out"; mkfifo "$mail_out"
SMTP_PEER_PASSWORD="$password" python3 "$peers/smtp_server.py" --dir "$data/mail" --port 0 --user demo \
  > "$mail_out" 2>"$data/mail.log" &
pids+=($!)
mail_port=$(first_line "$mail_out")
rm -f "$robots_out" "$mail_out"

cat > "$data/demo-channels.env" <<ENV
DEMO_ROBOTS=http://127.0.0.1:$robots_port
DEMO_MAIL=$data/mail
ENV
echo "演示渠道 / demo channels: robots at http://127.0.0.1:$robots_port/_received, mail filed in $data/mail/"

export DANGJIAN_DELIVERY_SMTP_HOST=127.0.0.1 DANGJIAN_DELIVERY_SMTP_PORT=$mail_port
export DANGJIAN_DELIVERY_SMTP_USERNAME=demo DANGJIAN_DELIVERY_SMTP_PASSWORD=$password
export DANGJIAN_DELIVERY_SMTP_FROM=notice@demo.dangjian.invalid DANGJIAN_DELIVERY_SMTP_CA_FILE=$data/mail/tls/cert.pem
export DANGJIAN_DELIVERY_CONSOLE_URL=http://127.0.0.1:$port
command=(serve --data-dir "$data" --port "$port" --demo-if-empty --demo-robots "http://127.0.0.1:$robots_port"
  --demo-robots-secret "$secret")
if [ -n "$binary" ]; then
  "$binary" "${command[@]}"
else
  swift run dangjian "${command[@]}"
fi
