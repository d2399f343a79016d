/**
 * `compute` with its results remembered, for values that repeat across a workbook (header texts,
 * deadline dates). At most `maxSize` are kept: when full, the memory starts afresh.
 */
export function remembered<K, V>(compute: (key: K) => V, maxSize = 4096): (key: K) => V {
  const results = new Map<K, V>();
  return (key) => {
    let result = results.get(key);
    if (result === undefined) {
      if (results.size >= maxSize) results.clear();
      result = compute(key);
      results.set(key, result);
    }
    return result;
  };
}
