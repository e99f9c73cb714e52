package io.fourfold.blob.support;

import io.fourfold.eventing.http.Caller;
import io.restassured.RestAssured;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** HTTP written by hand, for what clients refuse to send: a body shorter than it claims. */
public final class RawHttp {

  private RawHttp() {}

  /**
   * Sends the head of a POST that declares {@code declaredLength} bytes but only a few, and answers
   * the status line and headers the server sends back before the body ends.
   */
  public static String postDeclaring(String path, String accountId, long declaredLength) {
    try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      String head =
          "POST "
              + path
              + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\n"
              + Caller.ACCOUNT_ID
              + ": "
              + accountId
              + "\r\nContent-Length: "
              + declaredLength
              + "\r\n\r\n";
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(new byte[1024]);
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder answer = new StringBuilder();
      for (int c; (c = in.read()) >= 0; ) {
        answer.append((char) c);
        if (answer.indexOf("\r\n\r\n") >= 0) {
          break;
        }
      }
      return answer.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
