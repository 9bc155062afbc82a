namespace Pipeline.Testing;

/// <summary>An asset whose generation takes <see cref="LatencyMs"/> (real time) and fails as scripted.</summary>
public sealed record SimulatedAsset(string AssetId, double LatencyMs, int TransientFailures = 0, bool Permanent = false);
