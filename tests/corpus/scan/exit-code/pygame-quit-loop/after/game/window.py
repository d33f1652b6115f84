import sys

import pygame

from .board import Board


def loop(board: Board) -> None:
    pygame.init()
    screen = pygame.display.set_mode((300, 300))
    while True:
        for event in pygame.event.get():
            if event.type == pygame.QUIT:
                pygame.quit()
                sys.exit()
            if event.type == pygame.MOUSEBUTTONDOWN:
                x, y = event.pos
                board.play(y // 100, x // 100, "x")
        screen.fill((255, 255, 255))
        pygame.display.flip()
