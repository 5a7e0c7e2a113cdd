#!/bin/sh
# Prints the incident's events in order (a stand-in for a real query).
echo "timeline of incident $1"
