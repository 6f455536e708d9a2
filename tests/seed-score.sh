#!/bin/sh
# Score presslint on the seed article against the findings its editors
# listed (tests/cases/seed-article.expected.tsv: line, column, end column in
# characters, category). Every expected finding must be reported on its line
# with a column inside the listed span (+-1), and nothing else may be.
set -u
bin=${1:-./presslint}
cd "$(dirname "$0")/.." || exit 2
"$bin" tests/cases/seed-article.txt | awk -F'\t' '
	FNR == NR {
		if ($0 ~ /^#/ || $0 == "") next
		n++; line[n] = $1; col[n] = $2; end[n] = $3; what[n] = $4 " " $5
		next
	}
	{
		# path:line:col: severity: message [rule]
		if (split($0, p, ":") < 4) next
		l = p[2] + 0; c = p[3] + 0; matched = 0
		for (i = 1; i <= n; i++)
			if (l == line[i] && c >= col[i] - 1 && c <= end[i] + 1) {
				hit[i] = 1; matched = 1
			}
		if (!matched) { extra++; print "extra    " $0 }
	}
	END {
		for (i = 1; i <= n; i++)
			if (!hit[i]) { missed++; print "missed   " line[i] ":" col[i] " " what[i] }
			else found++
		printf "seed article: %d/%d expected found, %d unexpected\n", found, n, extra
		exit (missed || extra) ? 1 : 0
	}' tests/cases/seed-article.expected.tsv -
