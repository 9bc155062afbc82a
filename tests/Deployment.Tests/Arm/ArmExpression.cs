using System.Globalization;
using System.Text;

namespace Pipeline.Deployment.Tests.Arm;

/// <summary>A node of a parsed ARM template expression (the text between <c>[</c> and <c>]</c>).</summary>
public abstract record ArmExpression
{
    public sealed record Literal(string Value) : ArmExpression;

    public sealed record Number(long Value) : ArmExpression;

    public sealed record Call(string Name, IReadOnlyList<ArmExpression> Arguments) : ArmExpression;

    public sealed record Member(ArmExpression Target, string Name) : ArmExpression;

    public sealed record Index(ArmExpression Target, ArmExpression Key) : ArmExpression;

    /// <summary>Parses a template string value: <c>"[expr]"</c> is an expression, <c>"[[text"</c> and anything else a literal.</summary>
    public static ArmExpression ParseValue(string value)
    {
        if (value.StartsWith("[[", StringComparison.Ordinal))
        {
            return new Literal(value[1..]);
        }

        if (value.Length >= 2 && value[0] == '[' && value[^1] == ']')
        {
            var parser = new Parser(value[1..^1]);
            var expression = parser.ParseExpression();
            parser.ExpectEnd();
            return expression;
        }

        return new Literal(value);
    }

    private sealed class Parser(string text)
    {
        private int _position;

        public ArmExpression ParseExpression()
        {
            var expression = ParsePrimary();
            while (true)
            {
                SkipSpace();
                if (TryConsume('.'))
                {
                    expression = new Member(expression, ParseIdentifier());
                }
                else if (TryConsume('['))
                {
                    var key = ParseExpression();
                    Expect(']');
                    expression = new Index(expression, key);
                }
                else
                {
                    return expression;
                }
            }
        }

        public void ExpectEnd()
        {
            SkipSpace();
            if (_position != text.Length)
            {
                throw new FormatException($"Unexpected '{text[_position..]}' in expression '{text}'.");
            }
        }

        private ArmExpression ParsePrimary()
        {
            SkipSpace();
            if (_position >= text.Length)
            {
                throw new FormatException($"Expression '{text}' ends early.");
            }

            var c = text[_position];
            if (c == '\'')
            {
                return new Literal(ParseString());
            }

            if (char.IsDigit(c) || c == '-')
            {
                var start = _position++;
                while (_position < text.Length && char.IsDigit(text[_position]))
                {
                    _position++;
                }

                return new Number(long.Parse(text[start.._position], CultureInfo.InvariantCulture));
            }

            var name = ParseIdentifier();
            Expect('(');
            var arguments = new List<ArmExpression>();
            SkipSpace();
            if (!TryConsume(')'))
            {
                do
                {
                    arguments.Add(ParseExpression());
                    SkipSpace();
                }
                while (TryConsume(','));

                Expect(')');
            }

            return new Call(name, arguments);
        }

        private string ParseString()
        {
            var value = new StringBuilder();
            _position++;
            while (true)
            {
                if (_position >= text.Length)
                {
                    throw new FormatException($"Unterminated string in '{text}'.");
                }

                var c = text[_position++];
                if (c == '\'')
                {
                    if (_position < text.Length && text[_position] == '\'')
                    {
                        value.Append('\'');
                        _position++;
                        continue;
                    }

                    return value.ToString();
                }

                value.Append(c);
            }
        }

        private string ParseIdentifier()
        {
            SkipSpace();
            var start = _position;
            while (_position < text.Length && (char.IsLetterOrDigit(text[_position]) || text[_position] == '_'))
            {
                _position++;
            }

            if (start == _position)
            {
                throw new FormatException($"Expected a name at {start} in '{text}'.");
            }

            return text[start.._position];
        }

        private void Expect(char c)
        {
            SkipSpace();
            if (!TryConsume(c))
            {
                throw new FormatException($"Expected '{c}' at {_position} in '{text}'.");
            }
        }

        private bool TryConsume(char c)
        {
            if (_position < text.Length && text[_position] == c)
            {
                _position++;
                return true;
            }

            return false;
        }

        private void SkipSpace()
        {
            while (_position < text.Length && char.IsWhiteSpace(text[_position]))
            {
                _position++;
            }
        }
    }
}
