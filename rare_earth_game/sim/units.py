"""Unit conversions used across the engine, written once.

Scenario units: prices in USD/kg, quantities in tonnes, money in millions of USD (USD M).
"""

MUSD_PER_TONNE_AT_USD_PER_KG = 1e-3
"""t × USD/kg × 1000 kg/t ÷ 1e6 = USD M: multiply tonnes × price by this to get USD M."""
