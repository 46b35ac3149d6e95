#!/bin/sh
# Generate configure and Makefile.in; never committed (see .gitignore).
set -e
cd "$(dirname "$0")"
mkdir -p m4 build-aux
exec autoreconf --install --force
