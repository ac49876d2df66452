#!/usr/bin/env bash
# Install the system programs narrcheck's output tests open their files with:
#   chromium            headless browser for the HTML report test
#   libreoffice-writer  headless .docx -> PDF conversion (comments exported as notes)
#   libreoffice-calc    headless .xlsx -> csv/PDF (the spreadsheet output opened by Calc)
#   poppler-utils       pdftoppm, to look at the PDF
#   fonts-noto-cjk      so Chinese renders in screenshots and PDFs
#   postgresql          server binaries (initdb, pg_ctl) for the narrcheck serve tests on PostgreSQL
# Idempotent and quiet: does nothing when everything is present, skips (exit 0)
# when not root or apt-get is missing.  Usage: scripts/install_system_deps.sh [chromium|libreoffice|postgresql|all]
set -u
want="${1:-all}"
pkgs=()
need() { command -v "$1" >/dev/null 2>&1 || pkgs+=("$2"); }
need_pg() { ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || pkgs+=(postgresql); }
need_pkg() { dpkg -s "$1" >/dev/null 2>&1 || pkgs+=("$1"); }
case "$want" in
  chromium)    need chromium chromium ;;
  libreoffice) need soffice libreoffice-writer; need_pkg libreoffice-calc; need pdftoppm poppler-utils ;;
  postgresql)  need_pg ;;
  all)         need chromium chromium; need soffice libreoffice-writer; need_pkg libreoffice-calc
               need pdftoppm poppler-utils; need_pg ;;
  *) echo "usage: $0 [chromium|libreoffice|postgresql|all]" >&2; exit 2 ;;
esac
if [ -d /usr/share/fonts/opentype/noto ] && ls /usr/share/fonts/opentype/noto/NotoSansCJK* >/dev/null 2>&1; then :; else
  pkgs+=(fonts-noto-cjk)
fi
[ ${#pkgs[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != "0" ]; then echo "install_system_deps: not root, skipping ${pkgs[*]}" >&2; exit 0; fi
if ! command -v apt-get >/dev/null 2>&1; then echo "install_system_deps: no apt-get, skipping ${pkgs[*]}" >&2; exit 0; fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null 2>&1 || true
apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null 2>&1 \
  || { echo "install_system_deps: apt-get install ${pkgs[*]} failed" >&2; exit 0; }
exit 0
