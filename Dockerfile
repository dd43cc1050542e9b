# Multi-stage build of the Marquee image: the server and the offline/retraining scripts, with a model
# trained on the bundled data.
#   docker build -t marquee .   &&   docker run -p 8080:8080 marquee
# The same image runs the Kubernetes Deployment (scripts/serve.sh, the default command) and the
# retraining CronJob (scripts/retrain.sh); see deploy/ and docs/DEPLOY.md.
# Build stage: Debian 12 (the FAISS 1.7.3 packages the native shim links against) + Temurin JDK 25.
# The tree lives at /app in both stages, so the absolute paths in <module>/target/classpath.txt
# (written by the build) stay valid in the runtime image; Maven's repository is /opt/m2 for the same reason.
FROM eclipse-temurin:25-jdk AS jdk
FROM debian:12 AS build
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      g++ libfaiss-dev libopenblas-dev libgomp1 python3-faiss python3-numpy curl ca-certificates git \
    && rm -rf /var/lib/apt/lists/*
COPY --from=jdk /opt/java/openjdk /opt/java/openjdk
ENV JAVA_HOME=/opt/java/openjdk PATH=/opt/java/openjdk/bin:$PATH MAVEN_OPTS=-Dmaven.repo.local=/opt/m2
WORKDIR /app
COPY . .
RUN ./mvnw -B -DskipTests package \
    && bash scripts/pipeline.sh \
    && rm -rf .git

# Runtime: Debian 12 with only the shared libraries of the shim (FAISS itself is linked statically)
# and the JDK 25.
FROM debian:12
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libopenblas0-pthread libgomp1 libstdc++6 ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --user-group --home-dir /app --no-create-home marquee
COPY --from=jdk /opt/java/openjdk /opt/java/openjdk
# MARQUEE_PREBUILT=1: scripts/lib/env.sh neither rebuilds nor installs packages (done above).
ENV JAVA_HOME=/opt/java/openjdk PATH=/opt/java/openjdk/bin:$PATH OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 \
    MARQUEE_HOME=/app MARQUEE_PREBUILT=1
WORKDIR /app
COPY --from=build /opt/m2 /opt/m2
# scripts/, configs/, the bundled data, the compiled modules and models/ (registry + production link).
COPY --from=build --chown=10001:10001 /app /app
USER 10001
# configs/serving.yaml server.port (deploy/ and the tests check that they agree).
EXPOSE 8080
CMD ["/app/scripts/serve.sh"]
