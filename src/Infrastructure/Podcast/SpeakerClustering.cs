using Pipeline.Infrastructure.Media;

namespace Pipeline.Infrastructure.Podcast;

/// <summary>
/// Weighted k-means over voice feature points (k-means++ seeding from a fixed seed, several restarts, the lowest
/// inertia kept). When k is not given it is chosen by a simple criterion: starting from one speaker, k + 1 replaces k
/// while its weighted inertia is at most <see cref="MaxInertiaRatio"/> of k's (the extra speaker explains most of the
/// remaining spread; splitting one voice in two removes only about a third) and every two centres are at least
/// <see cref="MinCentreDistance"/> apart in the scaled feature space; up to <see cref="MaxSpeakers"/>.
/// </summary>
internal static class SpeakerClustering
{
    public const int MaxSpeakers = 8;
    public const double MaxInertiaRatio = 0.5;
    public const double MinCentreDistance = 2.0;
    private const int Restarts = 6;
    private const int Iterations = 50;

    public static int[] Cluster(IReadOnlyList<double[]> points, IReadOnlyList<double> weights, int? k)
    {
        if (points.Count == 0)
        {
            return [];
        }

        if (k is { } fixedK)
        {
            return KMeans(points, weights, Math.Min(fixedK, points.Count)).Labels;
        }

        // One more speaker is accepted while it removes most of the remaining spread and stays apart from the others.
        var chosen = KMeans(points, weights, 1);
        for (var candidate = 2; candidate <= Math.Min(MaxSpeakers, points.Count); candidate++)
        {
            var next = KMeans(points, weights, candidate);
            if (next.Inertia > MaxInertiaRatio * chosen.Inertia || MinDistance(next.Centres) < MinCentreDistance)
            {
                break;
            }

            chosen = next;
        }

        return chosen.Labels;
    }

    private static (int[] Labels, double[][] Centres, double Inertia) KMeans(IReadOnlyList<double[]> points, IReadOnlyList<double> weights, int k)
    {
        var random = new DeterministicRandom(0x5eed_d1a7);
        (int[] Labels, double[][] Centres, double Inertia) best = ([], [], double.PositiveInfinity);
        for (var restart = 0; restart < Restarts; restart++)
        {
            var centres = Seed(points, k, random);
            var labels = new int[points.Count];
            for (var iteration = 0; iteration < Iterations; iteration++)
            {
                var changed = false;
                for (var i = 0; i < points.Count; i++)
                {
                    var nearest = Nearest(points[i], centres);
                    changed |= nearest != labels[i] || iteration == 0;
                    labels[i] = nearest;
                }

                if (!changed)
                {
                    break;
                }

                for (var c = 0; c < k; c++)
                {
                    var sum = new double[points[0].Length];
                    var total = 0.0;
                    for (var i = 0; i < points.Count; i++)
                    {
                        if (labels[i] != c)
                        {
                            continue;
                        }

                        for (var d = 0; d < sum.Length; d++)
                        {
                            sum[d] += points[i][d] * weights[i];
                        }

                        total += weights[i];
                    }

                    if (total > 0)
                    {
                        centres[c] = sum.Select(s => s / total).ToArray();
                    }
                }
            }

            var inertia = points.Select((p, i) => weights[i] * Distance2(p, centres[labels[i]])).Sum();
            if (inertia < best.Inertia)
            {
                best = (labels, centres, inertia);
            }
        }

        return best;
    }

    private static double[][] Seed(IReadOnlyList<double[]> points, int k, DeterministicRandom random)
    {
        var centres = new List<double[]> { points[random.Next(points.Count)] };
        var d2 = new double[points.Count];
        while (centres.Count < k)
        {
            var total = 0.0;
            for (var i = 0; i < points.Count; i++)
            {
                d2[i] = centres.Min(c => Distance2(points[i], c));
                total += d2[i];
            }

            var target = random.NextDouble() * total;
            var chosen = points.Count - 1;
            for (var i = 0; i < points.Count; i++)
            {
                target -= d2[i];
                if (target <= 0)
                {
                    chosen = i;
                    break;
                }
            }

            centres.Add(points[chosen]);
        }

        return [.. centres.Select(c => (double[])c.Clone())];
    }

    private static double MinDistance(double[][] centres)
    {
        var min = double.PositiveInfinity;
        for (var i = 0; i < centres.Length; i++)
        {
            for (var j = i + 1; j < centres.Length; j++)
            {
                min = Math.Min(min, Math.Sqrt(Distance2(centres[i], centres[j])));
            }
        }

        return min;
    }

    private static int Nearest(double[] point, double[][] centres)
    {
        var nearest = 0;
        for (var c = 1; c < centres.Length; c++)
        {
            if (Distance2(point, centres[c]) < Distance2(point, centres[nearest]))
            {
                nearest = c;
            }
        }

        return nearest;
    }

    private static double Distance2(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var d = 0; d < a.Length; d++)
        {
            sum += (a[d] - b[d]) * (a[d] - b[d]);
        }

        return sum;
    }
}
