"""Connected components of the concealed-link graph and their per-profile features."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components


def component_labels(pairs: pd.DataFrame, n: int) -> np.ndarray:
    """Component id of each of ``n`` profiles given link pairs (columns a, b)."""
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    a = pairs["a"].to_numpy(dtype=np.int64) if len(pairs) else np.zeros(0, dtype=np.int64)
    b = pairs["b"].to_numpy(dtype=np.int64) if len(pairs) else np.zeros(0, dtype=np.int64)
    graph = coo_matrix((np.ones(len(a)), (a, b)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    return labels.astype(np.int64)


def known_front_counts(components: np.ndarray, known_label: np.ndarray) -> np.ndarray:
    """Per profile: known fronts in its component, not counting the profile's own label."""
    known = np.nan_to_num(np.asarray(known_label, dtype=float)) == 1
    per_component = np.bincount(components, weights=known.astype(float))
    return per_component[components] - known


def component_features(components: np.ndarray, names: pd.Series, holder_names: pd.DataFrame,
                       countries: np.ndarray) -> pd.DataFrame:
    """Size, distinct names (profile and payout holders) and distinct claimed countries."""
    n = len(components)
    size = np.bincount(components, minlength=components.max() + 1 if n else 0)[components]
    name_rows = pd.DataFrame({"c": components, "name": names.to_numpy()})
    if len(holder_names):
        name_rows = pd.concat([name_rows, pd.DataFrame({
            "c": components[holder_names["row"].to_numpy()], "name": holder_names["name"].to_numpy()})])
    name_rows = name_rows[name_rows["name"].astype(bool)]
    distinct_names = name_rows.groupby("c")["name"].nunique()
    country_rows = pd.DataFrame({"c": components, "country": countries})
    distinct_countries = country_rows.groupby("c")["country"].nunique()
    return pd.DataFrame({
        "link_component_size": size.astype(float),
        "link_component_distinct_names": pd.Series(components).map(distinct_names).fillna(0).to_numpy(float),
        "link_component_distinct_countries": pd.Series(components).map(distinct_countries).fillna(0).to_numpy(float),
    })
