namespace Pipeline.Infrastructure.Podcast;

/// <summary>One analysis frame: its energy (dBFS), fundamental frequency (0 when unvoiced) and spectral centroid.</summary>
internal readonly record struct FrameFeatures(float EnergyDb, float PitchHz, float CentroidHz);
