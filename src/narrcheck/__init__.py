"""narrcheck: finds hollow, copied, vague and inconsistent passages in Chinese
government performance self-evaluation reports (绩效自评报告)."""
__version__ = "0.1.0"
