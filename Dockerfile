# Multi-stage build of the Marquee service with a model trained on the bundled data.
#   docker build -t marquee .   &&   docker run -p 8080:8080 marquee
# Build stage: Debian 12 (the FAISS 1.7.3 packages the native shim links against) + Temurin JDK 25.
FROM eclipse-temurin:25-jdk AS jdk
FROM debian:12 AS build
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      g++ libfaiss-dev libopenblas-dev libgomp1 python3-faiss python3-numpy curl ca-certificates git \
    && rm -rf /var/lib/apt/lists/*
COPY --from=jdk /opt/java/openjdk /opt/java/openjdk
ENV JAVA_HOME=/opt/java/openjdk PATH=/opt/java/openjdk/bin:$PATH
WORKDIR /src
COPY . .
RUN ./mvnw -B -DskipTests package && bash scripts/pipeline.sh

# Runtime: Debian 12 with only the shared libraries of the shim, and the JRE 25.
FROM debian:12
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libopenblas0-pthread libgomp1 libstdc++6 \
    && rm -rf /var/lib/apt/lists/*
COPY --from=jdk /opt/java/openjdk /opt/java/openjdk
ENV JAVA_HOME=/opt/java/openjdk PATH=/opt/java/openjdk/bin:$PATH OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
WORKDIR /app
COPY --from=build /src/helidon-service/target/classes /app/classes
COPY --from=build /root/.m2/repository /root/.m2/repository
COPY --from=build /src/helidon-service/target/classpath.txt /app/classpath.txt
COPY --from=build /src/configs /app/configs
COPY --from=build /src/models /app/models
ENV MARQUEE_HOME=/app
EXPOSE 8080
CMD ["sh", "-c", "exec java --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector -cp /app/classes:$(cat /app/classpath.txt) com.marquee.service.Main --port 8080"]
