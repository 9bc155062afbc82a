using System.Numerics;

namespace Pipeline.Infrastructure.Podcast;

/// <summary>
/// Cuts a mono signal into 40 ms windows every 20 ms and measures each: energy (RMS in dBFS), F0 by normalised
/// autocorrelation on a signal decimated to about 11 kHz (60–400 Hz; the smallest lag whose correlation is within 10 %
/// of the best, which avoids octave errors; unvoiced below 0.5), and the spectral centroid of a Hann-windowed FFT
/// between 80 Hz and 8 kHz. Samples are pushed in blocks; only the frames' features are kept.
/// </summary>
internal sealed class FrameAnalyzer
{
    public const double HopSeconds = 0.02;
    public const double WindowSeconds = 0.04;

    private const float PitchEnergyFloorDb = -60f;
    private const double MinPitchHz = 60;
    private const double MaxPitchHz = 400;
    private const double VoicedCorrelation = 0.5;

    private readonly int _hop;
    private readonly int _window;
    private readonly int _decimation;
    private readonly int _fftSize;
    private readonly float[] _buffer;
    private readonly double[] _hann;
    private readonly Complex[] _spectrum;
    private readonly double[] _decimated;
    private int _filled;

    public FrameAnalyzer(int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 8000);
        SampleRate = sampleRate;
        _hop = (int)Math.Round(sampleRate * HopSeconds);
        _window = (int)Math.Round(sampleRate * WindowSeconds);
        _decimation = Math.Max(1, (int)Math.Round(sampleRate / 11_025.0));
        _fftSize = (int)BitOperations.RoundUpToPowerOf2((uint)_window);
        _buffer = new float[_window];
        _hann = Enumerable.Range(0, _window).Select(n => 0.5 - (0.5 * Math.Cos(2 * Math.PI * n / (_window - 1)))).ToArray();
        _spectrum = new Complex[_fftSize];
        _decimated = new double[_window / _decimation];
    }

    public int SampleRate { get; }

    public List<FrameFeatures> Frames { get; } = [];

    /// <summary>The time of the middle of frame <paramref name="index"/>'s hop, in seconds.</summary>
    public static double TimeOf(int index) => (index * HopSeconds) + ((WindowSeconds - HopSeconds) / 2);

    public void Push(ReadOnlySpan<float> samples)
    {
        foreach (var sample in samples)
        {
            _buffer[_filled++] = sample;
            if (_filled == _window)
            {
                Frames.Add(Measure());
                Array.Copy(_buffer, _hop, _buffer, 0, _window - _hop);
                _filled = _window - _hop;
            }
        }
    }

    private FrameFeatures Measure()
    {
        double power = 0;
        for (var i = 0; i < _window; i++)
        {
            power += _buffer[i] * _buffer[i];
        }

        var energyDb = (float)(10 * Math.Log10((power / _window) + 1e-10));
        if (energyDb < PitchEnergyFloorDb)
        {
            return new FrameFeatures(energyDb, 0, 0);
        }

        return new FrameFeatures(energyDb, Pitch(), Centroid());
    }

    private float Pitch()
    {
        var n = _decimated.Length;
        var mean = 0.0;
        for (var i = 0; i < n; i++)
        {
            double sum = 0;
            for (var j = 0; j < _decimation; j++)
            {
                sum += _buffer[(i * _decimation) + j];
            }

            _decimated[i] = sum / _decimation;
            mean += _decimated[i];
        }

        mean /= n;
        for (var i = 0; i < n; i++)
        {
            _decimated[i] -= mean;
        }

        var rate = (double)SampleRate / _decimation;
        var minLag = (int)Math.Floor(rate / MaxPitchHz);
        var maxLag = Math.Min(n / 2, (int)Math.Ceiling(rate / MinPitchHz));
        Span<double> correlation = stackalloc double[maxLag + 2];
        var best = 0.0;
        for (var lag = minLag; lag <= maxLag; lag++)
        {
            double cross = 0, a = 0, b = 0;
            for (var i = 0; i + lag < n; i++)
            {
                cross += _decimated[i] * _decimated[i + lag];
                a += _decimated[i] * _decimated[i];
                b += _decimated[i + lag] * _decimated[i + lag];
            }

            correlation[lag] = a > 0 && b > 0 ? cross / Math.Sqrt(a * b) : 0;
            best = Math.Max(best, correlation[lag]);
        }

        if (best < VoicedCorrelation)
        {
            return 0;
        }

        for (var lag = minLag + 1; lag < maxLag; lag++)
        {
            var c = correlation[lag];
            if (c >= 0.9 * best && c >= correlation[lag - 1] && c >= correlation[lag + 1])
            {
                // Parabolic interpolation around the peak for a sub-sample lag.
                var denominator = correlation[lag - 1] - (2 * c) + correlation[lag + 1];
                var shift = denominator == 0 ? 0 : 0.5 * (correlation[lag - 1] - correlation[lag + 1]) / denominator;
                return (float)(rate / (lag + shift));
            }
        }

        return 0;
    }

    private float Centroid()
    {
        for (var i = 0; i < _fftSize; i++)
        {
            _spectrum[i] = i < _window ? new Complex(_buffer[i] * _hann[i], 0) : Complex.Zero;
        }

        Fft.Transform(_spectrum);
        var binHz = (double)SampleRate / _fftSize;
        var first = (int)Math.Ceiling(80 / binHz);
        var last = Math.Min(_fftSize / 2, (int)(8000 / binHz));
        double weighted = 0, total = 0;
        for (var k = first; k <= last; k++)
        {
            var magnitude = _spectrum[k].Magnitude;
            weighted += k * binHz * magnitude;
            total += magnitude;
        }

        return total > 0 ? (float)(weighted / total) : 0;
    }
}
