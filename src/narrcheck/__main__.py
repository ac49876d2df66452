"""python -m narrcheck"""
from .cli import main

main()
