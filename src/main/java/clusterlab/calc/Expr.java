package clusterlab.calc;

import java.util.List;

/**
 * The syntax tree of an expression, as the {@link Parser} builds it: names are still names here;
 * the {@link ExprCompiler} resolves them.
 *
 * <p>Every node knows its height, the number of levels from it down to its deepest leaf, so that
 * the parser can refuse a tree taller than its limit as soon as it is built: evaluation recurses
 * once per level, and a limit on the height is a limit on the stack it needs.
 */
sealed interface Expr {

    /** 0-based offset in the source of the token that error messages point at. */
    int position();

    int height();

    /** A number as written in the source. */
    record Literal(double value, int position) implements Expr {
        @Override
        public int height() {
            return 1;
        }
    }

    /** A variable or a constant; {@code math.pi} keeps its prefix in the name. */
    record Variable(String name, int position) implements Expr {
        @Override
        public int height() {
            return 1;
        }
    }

    record Negate(Expr operand, int position, int height) implements Expr {
        Negate(Expr operand, int position) {
            this(operand, position, 1 + operand.height());
        }
    }

    /**
     * Operands joined by operators of one precedence, such as {@code a - b + c} or {@code a * b /
     * c}, which apply from left to right. However long, a chain is one level of the tree: it is
     * evaluated in a loop, so a sum of a thousand terms needs no more stack than one of two.
     */
    record Chain(Expr first, List<Link> rest, int height) implements Expr {
        Chain(Expr first, List<Link> rest) {
            this(first, rest, 1 + Math.max(first.height(),
                    rest.stream().mapToInt(link -> link.operand().height()).max().orElse(0)));
        }

        /** The first operator's position. */
        @Override
        public int position() {
            return rest.get(0).position();
        }

        /** An operator, such as PLUS, and the operand on its right. */
        record Link(Token.Kind op, Expr operand, int position) {
        }
    }

    /** A comparison or {@code ^}; {@code op} is its token's kind, such as LESS. */
    record Binary(Token.Kind op, Expr left, Expr right, int position, int height) implements Expr {
        Binary(Token.Kind op, Expr left, Expr right, int position) {
            this(op, left, right, position, 1 + Math.max(left.height(), right.height()));
        }
    }

    /** {@code if(condition, then, otherwise)}, which evaluates only one of its last two. */
    record If(Expr condition, Expr then, Expr otherwise, int position, int height) implements Expr {
        If(Expr condition, Expr then, Expr otherwise, int position) {
            this(condition, then, otherwise, position,
                    1 + Math.max(condition.height(), Math.max(then.height(), otherwise.height())));
        }
    }

    /** A call of a function by name; {@code math.pow} keeps its prefix in the name. */
    record Call(String name, List<Expr> arguments, int position, int height) implements Expr {
        Call(String name, List<Expr> arguments, int position) {
            this(name, arguments, position,
                    1 + arguments.stream().mapToInt(Expr::height).max().orElse(0));
        }
    }
}
