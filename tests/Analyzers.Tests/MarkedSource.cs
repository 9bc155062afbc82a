using Microsoft.CodeAnalysis.Text;

namespace Pipeline.Analyzers.Tests;

/// <summary>C# source with the expected diagnostic spans marked as <c>[|…|]</c>.</summary>
internal sealed class MarkedSource
{
    private const string Open = "[|";
    private const string Close = "|]";

    private MarkedSource(string text, IReadOnlyList<TextSpan> spans)
    {
        Text = text;
        Spans = spans;
    }

    public string Text { get; }

    public IReadOnlyList<TextSpan> Spans { get; }

    public static MarkedSource Parse(string markup)
    {
        var text = new System.Text.StringBuilder(markup.Length);
        var spans = new List<TextSpan>();
        var open = new Stack<int>();
        for (var i = 0; i < markup.Length; i++)
        {
            if (string.CompareOrdinal(markup, i, Open, 0, Open.Length) == 0)
            {
                open.Push(text.Length);
                i++;
            }
            else if (string.CompareOrdinal(markup, i, Close, 0, Close.Length) == 0 && open.Count > 0)
            {
                spans.Add(TextSpan.FromBounds(open.Pop(), text.Length));
                i++;
            }
            else
            {
                text.Append(markup[i]);
            }
        }

        if (open.Count > 0)
        {
            throw new ArgumentException("Unclosed [| in the test source.", nameof(markup));
        }

        return new MarkedSource(text.ToString(), spans);
    }
}
