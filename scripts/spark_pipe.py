"""Runs `lede analyze` over JSON Lines on Apache Spark, one lede process per partition.

    python scripts/spark_pipe.py --lede target/release/lede --master 'local[2]' \
        INPUT.jsonl OUTPUT_DIR [-- EXTRA LEDE ARGUMENTS]

Spark's `RDD.pipe` writes each partition's lines to the command's stdin and reads its stdout.
`lede analyze` answers every input line with exactly one JSON record, in input order, so the
output has as many lines as the input (a line that is not a document gets a record with an
`error`). Each lede process runs with `--jobs 1`: Spark already runs one task per core, and more
threads per process would only compete. Give every document an `id`: lede names documents
without one by their line number in its own input, which is the partition's, not the file's.
Needs `pip install pyspark` and Java 17; see docs/scale.md.
"""

import argparse
import shlex
import time

from pyspark.sql import SparkSession


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("input", help="JSON Lines: id, text, optional title, date, source, url")
    p.add_argument("output", help="folder for the output records (Spark part files)")
    p.add_argument("--lede", default="lede", help="path of the lede binary on every worker")
    p.add_argument("--master", default="local[*]")
    p.add_argument("--partitions", type=int, default=0, help="default: Spark's choice")
    p.add_argument("extra", nargs="*", help="more `lede analyze` arguments, after --")
    a = p.parse_args()

    spark = SparkSession.builder.master(a.master).appName("lede").getOrCreate()
    sc = spark.sparkContext
    lines = sc.textFile(a.input, minPartitions=a.partitions or None)
    command = [a.lede, "analyze", "--input-format", "jsonl", "--format", "jsonl", "--jobs", "1"]
    command += a.extra + ["-"]
    start = time.perf_counter()
    # lede exits with 1 when some document had an error; the records say which, so the exit
    # code is not a failure of the task (checkCode=False, Spark's default)
    out = lines.pipe(shlex.join(command), env={"RUST_LOG": "error"}, checkCode=False)
    out.saveAsTextFile(a.output)
    seconds = time.perf_counter() - start
    n_in, n_out = lines.count(), sc.textFile(a.output).count()
    print(f"{n_in} input lines, {n_out} records, {seconds:.1f} s for the analysis")
    spark.stop()


if __name__ == "__main__":
    main()
