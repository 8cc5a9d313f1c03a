"""Landsbyklynge datapakke: data and analyses for Danish village clusters."""

__version__ = "0.1.0"
