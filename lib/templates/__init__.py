"""Templates: a catalogue of ready-made Sim workflows (data files) and their customization.

`catalogue` lists and finds templates; `customize.instantiate` turns one into a new state with
the user's values and fresh ids; `reid.regenerate_ids` is the id rewrite on its own.
"""
